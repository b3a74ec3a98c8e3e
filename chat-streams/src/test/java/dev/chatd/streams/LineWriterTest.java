package dev.chatd.streams;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatd.common.closing.CloseReason;
import dev.chatd.common.metrics.ChatMetrics;
import dev.chatd.common.output.OutputBudget;
import dev.chatd.common.room.LeaveReason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LineWriterTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Socket buffers small enough that the kernel pushes back after a few KB. */
    private static final int SMALL_SOCKET_BUFFERS = 4096;

    private final ChatMetrics metrics = new ChatMetrics();
    private final CloseReason closeReason = new CloseReason();
    private Loopback loopback;

    @AfterEach
    void closeLoopback() throws Exception {
        if (loopback != null) {
            loopback.close();
        }
    }

    private LineWriter open(int socketBuffers, long outputLimit) throws Exception {
        loopback = Loopback.open(socketBuffers);
        return new LineWriter(loopback.channel, outputLimit, OutputBudget.UNLIMITED, metrics, loopback.executor, closeReason);
    }

    private static byte[] line(String text) {
        return (text + "\r\n").getBytes(UTF_8);
    }

    /** Reads exactly {@code n} bytes from the peer. */
    private byte[] peerReads(int n) throws IOException {
        loopback.peer.setSoTimeout((int) WAIT.toMillis());
        byte[] bytes = loopback.peerIn().readNBytes(n);
        assertEquals(n, bytes.length, "peer got EOF early");
        return bytes;
    }

    private static void awaitDone(CompletableFuture<?> future) throws Exception {
        future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void linesArriveInOrderAndDrainCompletesOnceTheKernelHasThem() throws Exception {
        LineWriter writer = open(0, 1 << 20);
        assertTrue(writer.write(line("one")));
        assertTrue(writer.write(line("two")));
        assertTrue(writer.write(line("three")));
        awaitDone(writer.drain());
        assertEquals(0, writer.pendingBytes());
        assertEquals("one\r\ntwo\r\nthree\r\n", new String(peerReads(17), UTF_8));
        assertEquals(17, metrics.bytesWritten());
    }

    @Test
    void drainWithNothingWrittenCompletes() throws Exception {
        LineWriter writer = open(0, 1 << 20);
        awaitDone(writer.drain());
        assertEquals(0, writer.socketWrites());
    }

    @Test
    void linesQueuedDuringAWriteGoOutTogetherAndDrainWaitsForThemAll() throws Exception {
        LineWriter writer = open(SMALL_SOCKET_BUFFERS, 1 << 20);
        byte[] big = new byte[64 * 1024];
        Arrays.fill(big, (byte) 'x');
        writer.write(big);
        CompletableFuture<Void> bigDone = writer.drain();
        // The peer is not reading, so the kernel cannot take it all: the first write stays in flight.
        await().atMost(WAIT).until(() -> writer.socketWrites() >= 1);
        assertFalse(bigDone.isDone());

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(big);
        for (int i = 0; i < 1000; i++) {
            byte[] next = line("line " + i);
            expected.write(next);
            writer.write(next);
        }
        CompletableFuture<Void> allDone = writer.drain();
        assertFalse(allDone.isDone());

        byte[] received = peerReads(expected.size());
        assertTrue(Arrays.equals(expected.toByteArray(), received), "bytes arrive in order");
        awaitDone(allDone);
        assertTrue(bigDone.isDone(), "an earlier drain is done by the time a later one is");
        // 1,001 lines; one socket write per line would be 1,001. What remains is the kernel taking
        // the big line a few KB at a time, plus one gathering write (or a few) for the 1,000 lines.
        assertTrue(writer.socketWrites() < 100, "socket writes: " + writer.socketWrites());
    }

    @Test
    void passingTheOutputLimitClosesTheConnectionOnceAndCountsOnce() throws Exception {
        LineWriter writer = open(SMALL_SOCKET_BUFFERS, 64 * 1024);
        byte[] kilobyte = new byte[1024];
        int accepted = 0;
        while (writer.write(kilobyte)) { // the peer never reads
            accepted++;
            assertTrue(accepted < 10_000, "the limit never bit");
        }
        await().atMost(WAIT).until(() -> !loopback.channel.isOpen());
        assertEquals(LeaveReason.TOO_SLOW, closeReason.orElse(null));
        assertEquals(1, metrics.slowConsumerDisconnects());
        assertTrue(writer.closed().isDone());

        assertFalse(writer.write(kilobyte));
        assertThrows(ExecutionException.class, () -> awaitDone(writer.drain()), "nothing more is written");
        assertEquals(LeaveReason.TOO_SLOW, closeReason.orElse(null));
        assertEquals(1, metrics.slowConsumerDisconnects());
    }

    @Test
    void closeFlushesEverythingThenTheSocketEnds() throws Exception {
        LineWriter writer = open(0, 1 << 20);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < 100; i++) {
            byte[] next = line("bye " + i);
            expected.write(next);
            writer.write(next);
        }
        CompletableFuture<Void> closed = writer.close(WAIT);
        assertSame(closed, writer.close(WAIT), "close is idempotent");
        loopback.peer.setSoTimeout((int) WAIT.toMillis());
        InputStream in = loopback.peerIn();
        assertTrue(Arrays.equals(expected.toByteArray(), in.readNBytes(expected.size())));
        assertEquals(-1, in.read(), "EOF after the last line");
        awaitDone(closed);
        assertFalse(loopback.channel.isOpen());
    }

    @Test
    void closeGivesUpOnAPeerThatDoesNotReadAfterTheGrace() throws Exception {
        LineWriter writer = open(SMALL_SOCKET_BUFFERS, 1 << 20);
        byte[] big = new byte[256 * 1024];
        writer.write(big);
        awaitDone(writer.close(Duration.ofMillis(200))); // would hang without the bound
        assertFalse(loopback.channel.isOpen());
        assertFalse(closeReason.isRecorded());
    }

    @Test
    void writesToAResetPeerFail() throws Exception {
        LineWriter writer = open(0, 1 << 20);
        loopback.peer.setSoLinger(true, 0);
        loopback.peer.close();
        await().atMost(WAIT).until(() -> {
            writer.write(line("anyone?"));
            return writer.drain().handle((v, e) -> e != null).get();
        });
        assertFalse(writer.write(line("still there?")));
        assertEquals(LeaveReason.CONNECTION_CLOSED, closeReason.orElse(null), "the failed write says why");
    }

    @Test
    void linesSentFromManyThreadsKeepEachThreadsOrder() throws Exception {
        LineWriter writer = open(0, 1 << 20);
        int threads = 4;
        int perThread = 5_000;
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            senders.add(new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    writer.write(line(id + " " + i));
                }
            }));
        }
        senders.forEach(Thread::start);
        int[] next = new int[threads];
        loopback.peer.setSoTimeout((int) WAIT.toMillis());
        var in = new java.io.BufferedReader(new java.io.InputStreamReader(loopback.peerIn(), UTF_8));
        for (int n = 0; n < threads * perThread; n++) {
            String[] parts = in.readLine().split(" ");
            int id = Integer.parseInt(parts[0]);
            assertEquals(next[id]++, Integer.parseInt(parts[1]), "thread " + id + " out of order");
        }
        for (Thread sender : senders) {
            sender.join();
        }
        awaitDone(writer.drain());
        assertTrue(writer.socketWrites() < threads * perThread, "some lines were gathered");
    }

    /**
     * Every line written from the completion of the write before it, so each write's completion
     * finds the next line queued: with the JDK's cap on inline completions lifted (the build's
     * argLine, as the daemon's main lifts it), a writer that started its next write from inside the
     * completion would nest one level per line and overflow the stack long before the last.
     */
    @Test
    void writesTheChannelCompletesInlineAreFollowedWithoutNesting() throws Exception {
        LineWriter writer = open(0, 1 << 20);
        int lines = 20_000;
        CompletableFuture<Void> allWritten = new CompletableFuture<>();
        AtomicInteger written = new AtomicInteger();
        Runnable writeOneMore = new Runnable() {
            @Override
            public void run() {
                int n = written.incrementAndGet();
                if (n > lines) {
                    allWritten.complete(null);
                    return;
                }
                writer.write(line(Integer.toString(n)));
                // Runs in the completion of the write that settles it: the next line is queued there.
                writer.drain().whenComplete((v, failure) -> {
                    if (failure != null) {
                        allWritten.completeExceptionally(failure);
                    } else {
                        run();
                    }
                });
            }
        };
        writeOneMore.run();
        loopback.peer.setSoTimeout((int) WAIT.toMillis());
        var in = new java.io.BufferedReader(new java.io.InputStreamReader(loopback.peerIn(), UTF_8));
        for (int n = 1; n <= lines; n++) {
            assertEquals(Integer.toString(n), in.readLine());
        }
        awaitDone(allWritten);
        assertTrue(writer.socketWrites() >= lines, "a write per line: " + writer.socketWrites());
    }
}
