package dev.chatd.callback.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatd.common.config.ChatConfig;
import dev.chatd.common.metrics.ChatMetrics;
import dev.chatd.common.output.OutputQueue;
import dev.chatd.common.room.LeaveReason;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The outbound side on an {@link EmbeddedChannel}: what reaches the channel, in how many writes, and when it closes. */
class ChannelConnectionTest {

    private final ChatMetrics metrics = new ChatMetrics();
    private final EmbeddedChannel channel = new EmbeddedChannel();

    private ChannelConnection connection(long outputLimit) {
        return new ChannelConnection(channel, ChatConfig.forTests().withOutputLimitBytes(outputLimit), metrics);
    }

    @Test
    void linesQueuedInOneTurnGoOutAsOneWriteInOrder() {
        ChannelConnection connection = connection(1 << 20);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < 100; i++) {
            byte[] line = ("line " + i + "\r\n").getBytes(StandardCharsets.US_ASCII);
            connection.send(line);
            expected.writeBytes(line);
        }
        channel.runPendingTasks();

        List<byte[]> writes = writes();
        assertEquals(1, writes.size());
        assertArrayEquals(expected.toByteArray(), writes.get(0));
        assertEquals(0, connection.unsentBytes(), "the write completed, so nothing is pending");
        assertEquals(expected.size(), metrics.bytesWritten());
    }

    @Test
    void aLargeBacklogIsSplitIntoSeveralWritesThatKeepTheOrder() {
        ChannelConnection connection = connection(8 << 20);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < 600; i++) {
            byte[] line = (i + ":" + "z".repeat(1020) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            connection.send(line);
            expected.writeBytes(line);
        }
        channel.runPendingTasks();

        List<byte[]> writes = writes();
        assertEquals(10, writes.size(), "about 615 KB in batches of at most 64 KiB: 63 lines of 1,026 bytes each");
        ByteArrayOutputStream actual = new ByteArrayOutputStream();
        for (byte[] write : writes) {
            assertTrue(write.length <= OutputQueue.MAX_BATCH_BYTES);
            actual.writeBytes(write);
        }
        assertArrayEquals(expected.toByteArray(), actual.toByteArray());
    }

    /**
     * Past the limit on the channel's own loop, the backlog goes to the channel at once instead of
     * being judged: an embedded channel takes every write, so nobody is too slow. (A socket whose
     * buffer is full makes a reader too slow: the flow contract tests that on real sockets.)
     */
    @Test
    void passingTheLimitOnItsOwnLoopDrainsAtOnceInsteadOfClosing() {
        ChannelConnection connection = connection(100);
        connection.send(new byte[60]);
        assertTrue(writes().isEmpty(), "under the limit the drain waits for its turn");
        connection.send(new byte[60]); // 120 unsent bytes: over the limit
        List<byte[]> writes = writes();
        assertEquals(1, writes.size(), "both lines, drained inline");
        assertEquals(120, writes.get(0).length);
        assertEquals(0, connection.unsentBytes());
        channel.runPendingTasks();
        assertTrue(channel.isActive());
        assertFalse(connection.closeReason().isRecorded());
        assertEquals(0, metrics.slowConsumerDisconnects());
    }

    @Test
    void closeAfterFlushWritesEverythingQueuedThenCloses() {
        ChannelConnection connection = connection(1 << 20);
        connection.send("* bye\r\n".getBytes(StandardCharsets.US_ASCII));
        connection.closeAfterFlush(LeaveReason.QUIT);
        channel.runPendingTasks();

        assertEquals("* bye\r\n", new String(writes().get(0), StandardCharsets.US_ASCII));
        assertFalse(channel.isActive());
        assertEquals(LeaveReason.QUIT, connection.closeReason().orElse(null));
    }

    @Test
    void theFirstCloseReasonWins() {
        ChannelConnection connection = connection(1 << 20);
        assertFalse(connection.closeReason().isRecorded(), "nothing recorded yet");
        connection.closeReason().record(LeaveReason.ERROR);
        connection.closeAfterFlush(LeaveReason.SHUTDOWN);
        assertEquals(LeaveReason.ERROR, connection.closeReason().orElse(null));
    }

    /** Everything written to the channel so far, one array per write. */
    private List<byte[]> writes() {
        List<byte[]> out = new ArrayList<>();
        for (ByteBuf buf; (buf = channel.readOutbound()) != null; ) {
            if (buf.isReadable()) {
                out.add(ByteBufUtil.getBytes(buf));
            }
            buf.release();
        }
        assertNull(channel.readOutbound());
        return out;
    }
}
