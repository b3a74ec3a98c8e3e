package dev.chatd.common.room;

import dev.chatd.common.metrics.ChatMetrics;
import dev.chatd.common.render.RenderedLine;
import dev.chatd.common.render.Renderer;
import dev.chatd.common.render.ServerLine.RoomEvent;
import java.time.Clock;

/**
 * In-process room events: the room's lock orders them, and each is rendered once and appended to
 * every member's output queue while the lock is held, which is what makes the order identical for
 * all members. The same rendered line goes into the room's history.
 */
public final class LocalRoomEvents implements RoomEvents {

    private final Renderer renderer;
    private final Clock clock;
    private final ChatMetrics metrics;

    public LocalRoomEvents(Renderer renderer, Clock clock, ChatMetrics metrics) {
        this.renderer = renderer;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public void publish(Room room, User sender, RoomEvent.Factory factory) {
        synchronized (room) {
            long seq = room.nextSeq();
            RenderedLine line = new RenderedLine(
                    factory.make(seq, Renderer.timestamp(clock.instant())), renderer);
            metrics.linesDelivered(room.broadcast(line));
        }
    }
}
