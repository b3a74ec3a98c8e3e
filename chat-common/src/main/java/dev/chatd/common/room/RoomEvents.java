package dev.chatd.common.room;

import dev.chatd.common.render.ServerLine.RoomEvent;

/**
 * Where a room's events are put in order and handed to its members: the seam for running several
 * server processes on shared rooms. Today {@link LocalRoomEvents} does it in memory. A distributed
 * version would publish each event to a pub/sub topic per room, take {@code seq} from the topic's
 * order, and call the same local fan-out for the members this process holds.
 */
public interface RoomEvents {

    /**
     * Gives the event built by {@code factory} the room's next {@code seq} and delivers it to every
     * member, all members in the same order. Callers may hold the room's lock.
     */
    void publish(Room room, RoomEvent.Factory factory);
}
