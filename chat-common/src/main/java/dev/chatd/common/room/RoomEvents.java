package dev.chatd.common.room;

import dev.chatd.common.render.ServerLine.RoomEvent;
import java.time.Duration;

/**
 * Where a room's events are put in order and handed to its members: the seam for running several
 * server processes on shared rooms. {@link LocalRoomEvents} does it in memory, at once; a cluster
 * sends the event to its shared store, which gives it its {@code seq}, and delivers it to this
 * process's members when it comes back from there, so every member on every node gets it in the
 * one order, the sender included.
 */
public interface RoomEvents {

    /**
     * Gives the event built by {@code factory} the room's next {@code seq} and delivers it to every
     * member, all members in the same order, now or later. Callers may hold the room's lock.
     *
     * @param sender the user whose line this is, told if it could not be sent; null for none
     */
    void publish(Room room, User sender, RoomEvent.Factory factory);

    /**
     * Whether a user's next line waits while too many of their own events are on their way
     * ({@link User#readyForNextLine}). True by default: in one process nothing is ever on its way.
     * A cluster answers false while its link is down, since its lines are then held rather than on
     * their way, and waiting for them would stop reading the user (their {@code /quit} too) until
     * the link is back; when it turns false it calls {@link User#ownEventBoundLifted} for each user.
     */
    default boolean boundsOwnEvents() {
        return true;
    }

    /**
     * Before the shutdown notice: hands the members here every event already published, waiting
     * at most {@code within}, so that what a room said before the server began to stop reaches them
     * ahead of the notice. Nothing to do in one process, where delivery is at once; a cluster's
     * events come back from its store, and another node's last ones may not have been read yet.
     */
    default void deliverPublished(Duration within) {
    }
}
