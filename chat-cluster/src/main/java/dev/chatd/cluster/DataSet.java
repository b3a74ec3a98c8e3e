package dev.chatd.cluster;

import dev.chatd.common.room.User;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which Redis data set this node has registered its users and rooms in: the value of
 * {@link Keys#EPOCH}, set once per data set by the first node to find it missing. A Redis that came
 * back empty (run without persistence) has no epoch, or, once another node has refilled it, a
 * different one: this node then registers everything again ({@link #refillIfLost}), since the
 * protocol says a cluster refills such a Redis rather than losing its users.
 *
 * <p>A refill claims each of this node's names again ({@code SET NX}), registers its members of each
 * room without an event ({@link Scripts#REGISTER}), and has the {@link StreamReader} start each room
 * over: {@code * history of #<room> was reset}, then the room's new events from its first, seq 1.
 */
final class DataSet {

    private static final Logger log = LoggerFactory.getLogger(DataSet.class);
    private static final long REFILL_TIMEOUT_MILLIS = 5_000;

    private final RedisCommands<String, String> sync;
    private final RedisAsyncCommands<String, String> async;
    private final String instance;
    private final ClusterNames names;
    private final ClusterDirectory directory;
    private final ClusterMetrics metrics;
    private StreamReader reader; // set once, before any user
    private String epoch; // guarded by this

    DataSet(RedisCommands<String, String> sync, RedisAsyncCommands<String, String> async, String instance,
            ClusterNames names, ClusterDirectory directory, ClusterMetrics metrics) {
        this.sync = sync;
        this.async = async;
        this.instance = instance;
        this.names = names;
        this.directory = directory;
        this.metrics = metrics;
    }

    void readWith(StreamReader reader) {
        this.reader = reader;
    }

    /** At start: the data set's epoch, set now if this is the first node on this Redis. */
    synchronized void join() {
        epoch = claimEpoch();
    }

    /** True when Redis no longer holds the data set this node registered in. Throws when Redis does not answer. */
    synchronized boolean isLost() {
        return !epoch.equals(sync.get(Keys.EPOCH));
    }

    /**
     * True when Redis no longer holds the data set this node registered in, after registering this
     * node's users and rooms in the one it holds now. Throws when Redis does not answer.
     */
    synchronized boolean refillIfLost() {
        String now = sync.get(Keys.EPOCH);
        if (epoch.equals(now)) return false;
        epoch = claimEpoch();
        List<CompletableFuture<?>> sent = new ArrayList<>();
        int lostNames = 0;
        for (Map.Entry<String, User> held : names.held().entrySet()) {
            User user = held.getValue();
            sent.add(async.set(Keys.name(held.getKey()), Keys.nameValue(instance, names.uid(user), user.name()),
                    SetArgs.Builder.nx()).toCompletableFuture());
        }
        for (ClusterRoom room : directory.all()) {
            List<String> args = new ArrayList<>();
            args.add(room.name());
            synchronized (room.room) {
                for (User user : names.users()) {
                    String uid = names.uid(user);
                    if (user.room() == room.room && !room.pending.containsKey(uid)) {
                        args.add(uid);
                        args.add(user.name());
                    }
                }
            }
            if (args.size() > 1) {
                sent.add(Scripts.REGISTER.run(async, new String[] {Keys.members(room.name()), Keys.ROOMS},
                        args.toArray(String[]::new)).toCompletableFuture());
            }
        }
        try {
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(REFILL_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            for (CompletableFuture<?> claim : sent) if (claim.getNow(null) == null) lostNames++;
        } catch (Exception e) {
            throw new IllegalStateException("refilling Redis failed: " + e, e);
        }
        reader.startOver();
        metrics.dataResets.increment();
        log.warn("Redis came back without this cluster's data: {} names and {} rooms registered again{}",
                names.held().size(), directory.all().size(),
                lostNames == 0 ? "" : " (" + lostNames + " names were taken meanwhile and are held twice)");
        return true;
    }

    private String claimEpoch() {
        String mine = instance + "." + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        sync.set(Keys.EPOCH, mine, SetArgs.Builder.nx());
        return sync.get(Keys.EPOCH);
    }
}
