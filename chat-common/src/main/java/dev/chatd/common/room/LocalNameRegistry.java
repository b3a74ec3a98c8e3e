package dev.chatd.common.room;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The in-process {@link NameRegistry}: one concurrent map from key to user. */
public final class LocalNameRegistry implements NameRegistry {

    private final Map<String, User> holders = new ConcurrentHashMap<>();

    @Override
    public boolean claim(String key, User user) {
        User held = holders.putIfAbsent(key, user);
        return held == null || held == user;
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
    public int size() {
        return holders.size();
    }
}
