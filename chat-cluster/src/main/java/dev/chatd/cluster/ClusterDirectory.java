package dev.chatd.cluster;

import dev.chatd.common.render.ServerLine;
import dev.chatd.common.room.ChatHub;
import dev.chatd.common.room.LeaveReason;
import dev.chatd.common.room.Room;
import dev.chatd.common.room.RoomDirectory;
import dev.chatd.common.room.User;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rooms across the cluster. A join or leave is one script run in Redis that changes the room's
 * members and publishes the event; the joining user waits, pending, until the join comes back
 * through the room's stream ({@link StreamReader}), and is a member here from that event on, so it
 * sees its own join and then exactly what follows it. A leave takes effect here at once: the
 * servers let the user's own last lines come back first ({@link User#whenOwnEventsSettled}),
 * without holding a thread meanwhile.
 *
 * <p>This node keeps a room (a {@link ClusterRoom}) while it has users in it and reads its stream
 * meanwhile; the first of its users to join asks Redis for the room's members and history as of
 * just before that join. {@code /rooms} asks Redis's rooms index. Locks: the directory's
 * membership lock, then the room's, as in the local directory.
 */
final class ClusterDirectory implements RoomDirectory {

    private final Object membership = new Object();
    private final Map<String, ClusterRoom> rooms = new ConcurrentHashMap<>(); // changed holding membership
    private final RedisAsyncCommands<String, String> redis;
    private final ClusterNames names;
    private final ClusterEvents events;
    private final int historyEvents;
    private StreamReader reader; // set once, before any user

    ClusterDirectory(RedisAsyncCommands<String, String> redis, ClusterNames names, ClusterEvents events, int historyEvents) {
        this.redis = redis;
        this.names = names;
        this.events = events;
        this.historyEvents = historyEvents;
    }

    void readWith(StreamReader reader) {
        this.reader = reader;
    }

    @Override
    public void enterLobby(User user) {
        synchronized (membership) {
            enter(user, ChatHub.LOBBY);
        }
    }

    @Override
    public void move(User user, String roomName) {
        synchronized (membership) {
            exit(user, null);
            enter(user, roomName);
        }
    }

    /** In a cluster a leave is always announced: at shutdown the other nodes' users hear it. */
    @Override
    public void leave(User user, LeaveReason reason, boolean announce) {
        synchronized (membership) {
            exit(user, reason == null ? null : reason.text());
        }
        names.forget(user);
    }

    @Override
    public ServerLine.Users usersOf(Room room) {
        ClusterRoom here = rooms.get(room.name());
        synchronized (room) {
            List<String> members = here == null || here.room != room ? List.of() : here.members.sorted();
            return new ServerLine.Users(room.name(), members);
        }
    }

    @Override
    public CompletionStage<ServerLine.Rooms> list() {
        return redis.hgetall(Keys.ROOMS).thenApply(counts -> {
            List<ServerLine.RoomCount> list = new ArrayList<>();
            boolean lobby = false;
            for (Map.Entry<String, String> e : counts.entrySet()) {
                int n = Integer.parseInt(e.getValue());
                lobby |= e.getKey().equals(ChatHub.LOBBY);
                if (n > 0 || e.getKey().equals(ChatHub.LOBBY)) list.add(new ServerLine.RoomCount(e.getKey(), n));
            }
            if (!lobby) list.add(new ServerLine.RoomCount(ChatHub.LOBBY, 0));
            list.sort((a, b) -> a.room().compareTo(b.room()));
            return new ServerLine.Rooms(list);
        });
    }

    @Override
    public int count() {
        return rooms.containsKey(ChatHub.LOBBY) ? rooms.size() : rooms.size() + 1;
    }

    /** The room this node holds under that name now, or null. */
    ClusterRoom current(String name) {
        return rooms.get(name);
    }

    /** Every room this node holds now. */
    Collection<ClusterRoom> all() {
        return List.copyOf(rooms.values());
    }

    // Holding membership.
    private void enter(User user, String roomName) {
        ClusterRoom room = rooms.computeIfAbsent(roomName, name -> new ClusterRoom(new Room(name, historyEvents)));
        synchronized (room.room) {
            boolean first = room.local++ == 0;
            String uid = names.uid(user);
            room.pending.put(uid, user);
            user.moveTo(room.room);
            // Sent holding the room's lock, so this node's joins reach Redis in the order taken here.
            // Tried again while the user still waits for it here (a try that failed never came back).
            CompletionStage<List<Object>> joined = events.join(roomName, user, uid, first,
                    () -> room.pending.get(uid) == user && rooms.get(roomName) == room);
            if (first) joined.thenAccept(reply -> reader.activate(room, reply));
        }
    }

    // Holding membership.
    private void exit(User user, String reason) {
        ClusterRoom room = rooms.get(user.room().name());
        if (room == null || room.room != user.room()) return;
        synchronized (room.room) {
            String uid = names.uid(user);
            if (room.pending.remove(uid) == null) room.room.remove(user);
            events.leave(room.name(), uid, user.name(), reason);
            if (--room.local == 0) {
                rooms.remove(room.name(), room);
                reader.deactivate(room);
            }
        }
    }
}
