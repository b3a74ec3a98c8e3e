package dev.chatd.common.room;

import dev.chatd.common.metrics.ChatMetrics;
import dev.chatd.common.metrics.ModelMetrics;
import dev.chatd.common.render.Renderer;
import java.time.Clock;

/**
 * The parts of the room model that a cluster shares across processes, handed to the
 * {@link ChatHub} together: who holds which name, which rooms exist and who is in them, and how a
 * room's events are ordered and delivered; and what to do when the server has closed its
 * connections ({@code close}, run once by {@link ChatHub#closeModel}); and what it counts beyond
 * the servers' own metrics ({@code metrics}, shown on {@code /metrics}). {@link #local} is the
 * in-process default.
 */
public record RoomModel(NameRegistry names, RoomDirectory rooms, RoomEvents events, Runnable close,
                        ModelMetrics metrics) {

    /** A model with nothing to do at close and no metrics of its own. */
    public RoomModel(NameRegistry names, RoomDirectory rooms, RoomEvents events) {
        this(names, rooms, events, () -> { }, ModelMetrics.NONE);
    }

    /**
     * Everything in this process's memory: the stand-alone server.
     *
     * @param historyEvents how many events each room keeps for {@code /history}
     */
    public static RoomModel local(Renderer renderer, Clock clock, ChatMetrics metrics, int historyEvents) {
        RoomEvents events = new LocalRoomEvents(renderer, clock, metrics);
        return new RoomModel(new LocalNameRegistry(), new LocalRoomDirectory(events, historyEvents), events);
    }
}
