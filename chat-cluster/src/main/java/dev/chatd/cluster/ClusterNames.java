package dev.chatd.cluster;

import dev.chatd.common.render.ServerLine;
import dev.chatd.common.room.NameClaim;
import dev.chatd.common.room.NameRegistry;
import dev.chatd.common.room.User;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Names across the cluster: a name is one Redis key per look-alike key ({@code SET NX}), whose
 * value says which node's which user holds it and as what, so a {@code /msg} finds the recipient
 * on any node. Also gives this node's users their cluster-wide ids ({@code <instance>/<n>}).
 *
 * <p>{@link #claim} waits for Redis (at most {@link #CLAIM_TIMEOUT}): the transports take a login's
 * answer at once, and a login is rare next to lines. Everything else is sent without waiting.
 */
final class ClusterNames implements NameRegistry {

    static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(2);
    private static final CompletionStage<String> NOBODY = CompletableFuture.completedStage(null);

    private final RedisAsyncCommands<String, String> redis;
    private final String instance;
    private final ClusterLink link;
    private final Map<String, User> holders = new ConcurrentHashMap<>();
    private final Map<User, String> uids = new ConcurrentHashMap<>();
    private final Map<String, User> byUid = new ConcurrentHashMap<>();
    private final AtomicLong serial = new AtomicLong();
    private java.util.function.Consumer<Runnable> whenUp = Runnable::run;

    ClusterNames(RedisAsyncCommands<String, String> redis, String instance, ClusterLink link) {
        this.redis = redis;
        this.instance = instance;
        this.link = link;
    }

    @Override
    public NameClaim claim(String key, String name, User user) {
        if (holders.get(key) == user) return NameClaim.CLAIMED;
        if (!link.isUp()) return NameClaim.UNAVAILABLE;
        NameClaim claim;
        try {
            String ok = redis.set(Keys.name(key), Keys.nameValue(instance, uid(user), name), SetArgs.Builder.nx())
                    .get(CLAIM_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            claim = "OK".equals(ok) ? NameClaim.CLAIMED : NameClaim.TAKEN;
        } catch (TimeoutException | ExecutionException e) {
            claim = NameClaim.UNAVAILABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            claim = NameClaim.UNAVAILABLE;
        }
        if (claim == NameClaim.CLAIMED) {
            holders.put(key, user);
        } else if (!holders.containsValue(user)) {
            forget(user); // a login that failed: the user never was
        }
        return claim;
    }

    /**
     * Where a release goes while the link is down: held with the lines until it is back
     * ({@link ClusterEvents#whenUp}), so a name given up meanwhile is freed in Redis then. Set
     * once, before any user.
     */
    void holdWith(java.util.function.Consumer<Runnable> whenUp) {
        this.whenUp = whenUp;
    }

    @Override
    public void release(String key, User user) {
        if (holders.remove(key, user)) {
            String holder = instance + " " + uid(user) + " ";
            whenUp.accept(() -> Scripts.RELEASE_NAME.run(redis, new String[] {Keys.name(key)}, holder));
        }
    }

    @Override
    public User holder(String key) {
        return holders.get(key);
    }

    @Override
    public CompletionStage<String> sendPrivate(String key, String from, String text) {
        User local = holders.get(key);
        if (local != null) {
            String to = local.name();
            local.tell(new ServerLine.Private(from, to, text, false));
            return CompletableFuture.completedStage(to);
        }
        if (!link.isUp()) return CompletableFuture.failedStage(new IllegalStateException("cluster link down"));
        return Scripts.PRIVATE.run(redis, new String[] {Keys.name(key)}, from, text, "1000");
    }

    @Override
    public int size() {
        return holders.size();
    }

    /** The user's id in the cluster, given on first use. */
    String uid(User user) {
        return uids.computeIfAbsent(user, u -> {
            String uid = instance + "/" + serial.incrementAndGet();
            byUid.put(uid, u);
            return uid;
        });
    }

    /** This node's user with that id, or null. */
    User byUid(String uid) {
        return byUid.get(uid);
    }

    /** Every logged-in user of this node. */
    java.util.Collection<User> users() {
        return java.util.List.copyOf(byUid.values());
    }

    /** Drops a user who has left for good. */
    void forget(User user) {
        String uid = uids.remove(user);
        if (uid != null) byUid.remove(uid);
    }

    /** After a rename in place (same key): the name key's value shows the new spelling. */
    void refresh(User user, String newName) {
        redis.set(Keys.name(user.key()), Keys.nameValue(instance, uid(user), newName), SetArgs.Builder.xx());
    }

    /** Every name this node's users hold, with the user: to claim again in a Redis that came back empty. */
    Map<String, User> held() {
        return Map.copyOf(holders);
    }
}
