package dev.chatd.common.room;

import dev.chatd.common.output.OutputQueue;
import dev.chatd.common.output.RoomLog;
import dev.chatd.common.render.JoinedNames;
import dev.chatd.common.render.RenderedLine;
import dev.chatd.common.render.ServerLine;
import java.util.ArrayList;
import java.util.List;

/**
 * One room as this process holds it: its members here, its event counter (local rooms only) and its
 * {@link History}. Guarded by its own monitor: every method here but {@link #name} must be called
 * holding {@code synchronized (room)}, which {@link ChatHub}, the directories and the events do.
 */
public final class Room {

    private final String name;
    // A list for the broadcast loop (fast to walk), and the names kept sorted and encoded for the
    // users line every join sends (no sort, nor any walk over the members, per join).
    private final List<User> members = new ArrayList<>();
    private final MemberNames names = new MemberNames();
    // The room's lines, once each, which the members' output queues read from cursors of their
    // own; and the members whose connections have no such queue (test doubles), given each line.
    private final RoomLog log = new RoomLog();
    private final List<User> direct = new ArrayList<>();
    private final History history;
    private long seq;

    /** A new, empty room; for {@link RoomDirectory} implementations. */
    public Room(String name, int historyEvents) {
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

    /**
     * Hands a room event, in the room's one order, to every member this process holds, and keeps
     * it for {@code /history}; returns how many members got it. Holding this room's lock. The
     * event goes into the room's log, once, and each member's queue takes it from there; every few
     * KB of the log, each member's queue looks whether it has fallen too far behind
     * ({@link RoomLog}).
     */
    public int broadcast(RenderedLine event) {
        if (log.append(event)) {
            for (int i = 0, n = members.size(); i < n; i++) members.get(i).checkBehind();
        }
        for (int i = 0, n = direct.size(); i < n; i++) direct.get(i).deliver(event);
        history.add(event);
        return members.size();
    }

    /** Keeps an event this process's members did not see live (a cluster's earlier events) for {@code /history}. Holding the lock. */
    public void remember(RenderedLine event) {
        history.add(event);
    }

    /**
     * The room's history starts again (a cluster whose Redis came back empty): forgets every event
     * kept and tells each member here {@code notice} at once, ahead of the events that follow.
     * Holding the lock.
     */
    public void resetHistory(ServerLine notice) {
        history.clear();
        for (int i = 0, n = members.size(); i < n; i++) members.get(i).tellNow(notice);
    }

    /** Adds a member of this process; for {@link RoomDirectory} implementations, holding the lock. */
    public void add(User user) {
        members.add(user);
        names.add(user.order(), user.name());
        OutputQueue queue = user.connection().output();
        if (queue != null && log.accepts(queue)) queue.attach(log, user.format());
        else direct.add(user);
    }

    /** Removes a member of this process; holding the lock. */
    public void remove(User user) {
        members.remove(user);
        names.remove(user.order());
        if (!direct.remove(user)) {
            user.connection().output().detach();
        }
    }

    /**
     * Re-sorts a renamed member; {@code oldOrder} is its {@link User#order()} before the rename. A
     * user not listed here yet (in a cluster, one whose own join is still on its way back) stays
     * unlisted: {@link #add} lists them under their new name when the join arrives.
     */
    void reorder(String oldOrder, User user) {
        if (names.remove(oldOrder)) names.add(user.order(), user.name());
    }

    /** Members in this process. Holding the lock. */
    public int size() {
        return members.size();
    }

    /** No members in this process. Holding the lock. */
    public boolean isEmpty() {
        return members.isEmpty();
    }

    /**
     * Member names sorted case-insensitively (by {@link User#order()}, not by their keys), with
     * their text form ready for the users line. Holding the lock.
     */
    JoinedNames sortedNames() {
        return names.snapshot();
    }
}
