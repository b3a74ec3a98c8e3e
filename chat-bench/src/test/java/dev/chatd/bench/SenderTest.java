package dev.chatd.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SenderTest {

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final Sender sender = new Sender(3, channel, System.nanoTime(), 30);

    /** Messages written so far, checked to be this sender's and numbered on from {@code firstSeq}. */
    private int drainWritten(int firstSeq) {
        int seq = firstSeq;
        for (ByteBuf buf = channel.readOutbound(); buf != null; buf = channel.readOutbound()) {
            for (String line : buf.toString(StandardCharsets.US_ASCII).split("\n")) {
                String[] words = line.split(" ");
                assertEquals("3", words[0]);
                assertEquals(seq++, Integer.parseInt(words[1]));
                assertEquals(30, line.length());
            }
            buf.release();
        }
        return seq - firstSeq;
    }

    @Test
    void atFullSpeedAtMostAWindowIsOnItsWay() {
        sender.start(new SendPlan(100, Long.MAX_VALUE, 0, 10), 0);
        channel.runPendingTasks();
        assertEquals(10, drainWritten(0));
        assertEquals(10, sender.sentInPhase());

        sender.onEcho(3); // 0..3 back: room for four more
        channel.runPendingTasks();
        assertEquals(4, drainWritten(10));

        sender.onEcho(13);
        channel.runPendingTasks();
        assertEquals(10, drainWritten(14));
        assertFalse(sender.isDone());
    }

    @Test
    void stopsAfterItsMessagesAndCountsEachPhase() {
        sender.start(new SendPlan(25, Long.MAX_VALUE, 0, 1000), 0);
        channel.runPendingTasks();
        assertEquals(25, drainWritten(0));
        assertTrue(sender.isDone());
        assertEquals(25, sender.sentTotal());

        sender.start(new SendPlan(5, Long.MAX_VALUE, 0, 1000), 0);
        channel.runPendingTasks();
        assertEquals(5, drainWritten(25)); // numbering goes on across phases
        assertEquals(5, sender.sentInPhase());
        assertEquals(30, sender.sentTotal());
    }

    @Test
    void stopsAtItsDeadline() {
        sender.start(new SendPlan(Integer.MAX_VALUE, System.nanoTime() - 1, 0, 10), 0);
        channel.runPendingTasks();
        assertTrue(sender.isDone());
        assertEquals(0, drainWritten(0));
    }
}
