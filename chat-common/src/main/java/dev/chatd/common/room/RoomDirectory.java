package dev.chatd.common.room;

import dev.chatd.common.render.ServerLine;
import java.util.concurrent.CompletionStage;

/**
 * Which rooms exist and who is in each: the second seam a cluster would fill (a cluster's rooms and
 * counts cover every node). Every user is in exactly one room; {@code #lobby} always exists, and
 * other rooms exist while someone is in them. Membership changes announce themselves through the
 * room's {@link RoomEvents}: the room hears the join (and the newcomer gets the users line) or the
 * leave.
 *
 * <p>Implementations are thread-safe. Locks: a directory may hold its own lock around a change,
 * then the room's; it never takes a lock of the {@link ChatHub}'s admission part, which callers may
 * hold around it.
 */
public interface RoomDirectory {

    /** Puts a user who has just logged in into {@code #lobby}. */
    void enterLobby(User user);

    /** Moves a user to the room of that (valid, lower-case) name, creating it if needed. */
    void move(User user, String roomName);

    /**
     * Takes a user out of their room for good. The room hears {@code * <name> left #<room>},
     * with the reason if there is one, unless {@code announce} is false (shutdown).
     */
    void leave(User user, LeaveReason reason, boolean announce);

    /** The users line for a room: every member, on every node of a cluster. Callers may hold the room's lock. */
    ServerLine.Users usersOf(Room room);

    /**
     * The rooms line: every room with its member count, sorted by name. A cluster's comes later,
     * and fails when its store cannot be asked (the link down, no answer in time).
     */
    CompletionStage<ServerLine.Rooms> list();

    /** How many rooms exist, {@code #lobby} included. */
    int count();
}
