package dev.chatd.common.room;

import dev.chatd.common.render.ServerLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-process {@link RoomDirectory}. One lock, the directory's own, orders membership changes
 * (login, join, leave), so a room is created and dropped atomically with its first and last
 * member; chat lines take only their room's lock, so rooms do not slow each other down.
 */
public final class LocalRoomDirectory implements RoomDirectory {

    private final RoomEvents events;
    private final Object membership = new Object();
    private final Map<String, Room> rooms = new ConcurrentHashMap<>(); // changed holding membership
    private final int historyEvents;
    private final Room lobby;

    /** @param historyEvents how many events each room keeps for {@code /history} */
    public LocalRoomDirectory(RoomEvents events, int historyEvents) {
        this.events = events;
        this.historyEvents = historyEvents;
        this.lobby = new Room(ChatHub.LOBBY, historyEvents);
        rooms.put(lobby.name(), lobby);
    }

    @Override
    public void enterLobby(User user) {
        synchronized (membership) {
            enter(user, lobby);
        }
    }

    @Override
    public void move(User user, String roomName) {
        synchronized (membership) {
            exit(user, null, true);
            enter(user, rooms.computeIfAbsent(roomName, name -> new Room(name, historyEvents)));
        }
    }

    @Override
    public void leave(User user, LeaveReason reason, boolean announce) {
        synchronized (membership) {
            exit(user, reason, announce);
        }
    }

    @Override
    public ServerLine.Users usersOf(Room room) {
        synchronized (room) {
            return new ServerLine.Users(room.name(), room.sortedNames());
        }
    }

    @Override
    public CompletionStage<ServerLine.Rooms> list() {
        List<ServerLine.RoomCount> list = new ArrayList<>();
        synchronized (membership) {
            for (Room room : rooms.values()) {
                synchronized (room) {
                    list.add(new ServerLine.RoomCount(room.name(), room.size()));
                }
            }
        }
        list.sort((a, b) -> a.room().compareTo(b.room()));
        return CompletableFuture.completedStage(new ServerLine.Rooms(list));
    }

    @Override
    public int count() {
        return rooms.size();
    }

    // Holding membership.
    private void enter(User user, Room room) {
        synchronized (room) {
            room.add(user);
            user.moveTo(room);
            String name = user.name();
            events.publish(room, null, (seq, ts) -> new ServerLine.Join(room.name(), seq, ts, name));
            user.tell(new ServerLine.Users(room.name(), room.sortedNames()));
        }
    }

    // Holding membership. A null reason is a move to another room or /quit: no reason shown.
    private void exit(User user, LeaveReason reason, boolean announce) {
        Room room = user.room();
        synchronized (room) {
            room.remove(user);
            String why = reason == null ? null : reason.text();
            String name = user.name();
            // #lobby stays when it empties, and so does its record: its last member's leave is one
            // of its events (seq, history) though nobody is there to see it, or its history would
            // show that member join twice. Another room goes with its last member.
            if (announce && (!room.isEmpty() || room == lobby)) {
                events.publish(room, null, (seq, ts) -> new ServerLine.Leave(room.name(), seq, ts, name, why));
            }
            if (room.isEmpty() && room != lobby) rooms.remove(room.name());
        }
    }
}
