package dev.chatd.common.room;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One room: its members, its event counter and its {@link History}. Guarded by its own monitor: every method here
 * must be called holding {@code synchronized (room)}, which {@link ChatHub} and
 * {@link LocalRoomEvents} do.
 */
public final class Room {

    private final String name;
    // A list for the broadcast loop (fast to walk) and a sorted map for the users line (no sort
    // per join, which at 10,000 members would cost more than the join itself).
    private final List<User> members = new ArrayList<>();
    private final TreeMap<String, User> byOrder = new TreeMap<>();
    private final History history;
    private long seq;

    Room(String name, int historyEvents) {
        this.name = name;
        this.history = new History(historyEvents);
    }

    /** The room's name, lower case, without {@code #}. */
    public String name() {
        return name;
    }

    long nextSeq() {
        return ++seq;
    }

    History history() {
        return history;
    }

    void add(User user) {
        members.add(user);
        byOrder.put(user.order(), user);
    }

    void remove(User user) {
        members.remove(user);
        byOrder.remove(user.order());
    }

    /** Re-sorts a renamed member; {@code oldOrder} is its {@link User#order()} before the rename. */
    void reorder(String oldOrder, User user) {
        byOrder.remove(oldOrder);
        byOrder.put(user.order(), user);
    }

    int size() {
        return members.size();
    }

    boolean isEmpty() {
        return members.isEmpty();
    }

    void forEachMember(Consumer<User> action) {
        for (int i = 0, n = members.size(); i < n; i++) action.accept(members.get(i));
    }

    /** Member names sorted case-insensitively (by {@link User#order()}, not by their keys). */
    List<String> sortedNames() {
        List<String> names = new ArrayList<>(byOrder.size());
        for (User u : byOrder.values()) names.add(u.name());
        return names;
    }
}
