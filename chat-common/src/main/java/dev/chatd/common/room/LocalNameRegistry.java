package dev.chatd.common.room;

import dev.chatd.common.render.ServerLine;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** The in-process {@link NameRegistry}: one concurrent map from key to user. */
public final class LocalNameRegistry implements NameRegistry {

    private static final CompletionStage<String> NOBODY = CompletableFuture.completedStage(null);

    private final Map<String, User> holders = new ConcurrentHashMap<>();

    @Override
    public NameClaim claim(String key, String name, User user) {
        User held = holders.putIfAbsent(key, user);
        return held == null || held == user ? NameClaim.CLAIMED : NameClaim.TAKEN;
    }

    @Override
    public void release(String key, User user) {
        holders.remove(key, user);
    }

    @Override
    public User holder(String key) {
        return holders.get(key);
    }

    @Override
    public CompletionStage<String> sendPrivate(String key, String from, String text) {
        User target = holders.get(key);
        if (target == null) return NOBODY;
        String to = target.name();
        target.tell(new ServerLine.Private(from, to, text, false));
        return CompletableFuture.completedStage(to);
    }

    @Override
    public int size() {
        return holders.size();
    }
}
