package dev.chatd.streams;

import dev.chatd.common.closing.CloseReason;
import dev.chatd.common.metrics.ChatMetrics;
import dev.chatd.common.output.OutputQueue;
import dev.chatd.common.room.LeaveReason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.CompletionHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Writes one connection's output lines, in the manner of asyncio's {@code StreamWriter}:
 * {@link #write} queues and never blocks, {@link #drain} says when the kernel has taken it all,
 * {@link #close} flushes, within a bound, before closing.
 *
 * <p>Lines go through the common {@link OutputQueue}, which fixes their order and bounds the
 * unsent bytes. NIO.2 allows one write in flight per socket (a second one throws
 * {@code WritePendingException}), so whoever holds the writer role ({@link #writing}) writes
 * everything queued so far (up to a bound) as ONE write, loops until that batch is fully written, then
 * takes the next batch. While a write is in flight new lines only queue up; that is what turns a
 * burst of broadcasts into few socket writes.
 *
 * <p>Futures: {@link #send} (the room model's path) makes none. {@link #write} returns the future
 * of the batch its line will go out in, shared by every line queued before that batch starts, so a
 * burst of writes allocates one future, not one per line.
 *
 * <p>Batch size: the unsent count drops only when a write's completion handler runs, a moment
 * after the kernel took the bytes, so for that moment a reader that keeps up looks one write
 * behind. A write therefore carries at most a quarter of the output limit (and at most
 * {@value #MAX_BATCH_BYTES} bytes, and always at least one line): the lag then costs at most a
 * quarter of the limit, and a reader that keeps up is not taken for a slow one.
 *
 * <p>Over the limit (a reader too slow for its output): the line is dropped, the slow-consumer
 * counter is bumped once, and the close is handed to the executor, because {@code send} runs under
 * room locks and must not close anything inline.
 *
 * <p>Thread-safe: any thread may write, send or drain.
 */
public final class LineWriter {

    /** Most lines in one write, so the lines array a burst leaves behind stays bounded. */
    static final int MAX_BATCH_LINES = 1024;
    static final int MAX_BATCH_BYTES = 64 * 1024;
    private static final int SMALL_BATCH_LINES = 8;

    private final AsynchronousSocketChannel channel;
    private final OutputQueue queue;
    private final ChatMetrics metrics;
    private final Executor executor;
    private final CloseReason closeReason;
    private final long maxBatchBytes;
    private final CompletionHandler<Integer, Void> onWritten = new OnWritten();

    /** Held by whoever may touch the socket and the batch fields below; at most one holder. */
    private final AtomicBoolean writing = new AtomicBoolean();
    /** The future of the next batch to start; created by the first writer to need it. */
    private final AtomicReference<CompletableFuture<Void>> nextBatchDone = new AtomicReference<>();
    private final AtomicBoolean overflowReported = new AtomicBoolean();
    private final AtomicBoolean closeStarted = new AtomicBoolean();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final LongAdder socketWrites = new LongAdder();
    private volatile boolean socketClosed;
    /** The first write failure; every later write fails with it. */
    private volatile Throwable broken;

    // Owned by the holder of "writing". The lines array grows with bursts and shrinks when idle,
    // so 10,000 quiet connections do not each hold room for 1,024 lines.
    private byte[][] lines = new byte[SMALL_BATCH_LINES][];
    /** The batch being written: its lines copied into one buffer (see {@link #startBatch}). */
    private ByteBuffer out;
    /** Polled but left for the next batch, which it starts: it did not fit in the last one. */
    private byte[] carried;
    /** The batch took the last queued line, so the futures in "owed" are done when it is written. */
    private boolean batchEmptiedQueue;
    private final List<CompletableFuture<Void>> owed = new ArrayList<>();

    /**
     * @param channel          the connection; this writer issues all writes on it and closes it
     * @param outputLimitBytes unsent bytes (queued or with the transport) beyond which the
     *                         connection is too slow
     * @param metrics          counts bytes written and slow-consumer disconnects
     * @param executor         runs flushes and the overflow close off the caller's thread
     * @param closeReason      where the writer records {@code too slow} before it closes the socket
     *                         for passing the output limit, and what a failed write means
     */
    public LineWriter(AsynchronousSocketChannel channel, long outputLimitBytes, ChatMetrics metrics,
                      Executor executor, CloseReason closeReason) {
        this.channel = channel;
        this.queue = new OutputQueue(outputLimitBytes);
        this.metrics = metrics;
        this.executor = executor;
        this.closeReason = closeReason;
        this.maxBatchBytes = Math.max(1, Math.min(MAX_BATCH_BYTES, outputLimitBytes / 4));
    }

    /**
     * Queues a line without making a future: the room model's path. Never blocks and never closes
     * inline. Returns false if the line was dropped: the connection is over its limit (and is being
     * closed as too slow), or already closed.
     */
    public boolean send(byte[] line) {
        if (!offer(line)) {
            return false;
        }
        requestFlush();
        return true;
    }

    /**
     * Queues a line. The future completes when the kernel has accepted it and everything queued
     * before it; it is shared with the other lines of its batch. It fails if the connection is
     * over its output limit, closed, or the write failed.
     */
    public CompletableFuture<Void> write(byte[] line) {
        if (!offer(line)) {
            return CompletableFuture.failedFuture(refusal());
        }
        CompletableFuture<Void> done = nextBatchFuture();
        requestFlush();
        return done;
    }

    /** Completes when everything written or sent so far has been accepted by the kernel. */
    public CompletableFuture<Void> drain() {
        CompletableFuture<Void> done = nextBatchFuture();
        requestFlush(); // after taking the future, so a batch is sure to start after it exists
        return done;
    }

    /**
     * Flushes what is queued, waiting at most {@code grace}, then closes the socket (output shut
     * down first, so the peer reads everything and then EOF). The future completes once the socket
     * is closed, never exceptionally. Calling it again returns the same future.
     */
    public CompletableFuture<Void> close(Duration grace) {
        if (closeStarted.compareAndSet(false, true)) {
            drain().handle((v, e) -> (Void) null) // a failed write ends the flush too
                    .completeOnTimeout(null, grace.toNanos(), TimeUnit.NANOSECONDS)
                    .whenComplete((v, e) -> closeSocket(true));
        }
        return closed;
    }

    /** Closes the socket now, dropping unsent output; pending reads and writes fail. */
    public void abort() {
        closeSocket(false);
    }

    /** Completes when the socket has been closed, by {@link #close} or {@link #abort}. */
    public CompletableFuture<Void> closed() {
        return closed;
    }

    /** Bytes queued and not yet accepted by the kernel. */
    public long pendingBytes() {
        return queue.pendingBytes();
    }

    /** Socket write calls made so far; for tests of write gathering. */
    long socketWrites() {
        return socketWrites.sum();
    }

    private boolean offer(byte[] line) {
        if (socketClosed || broken != null) {
            return false;
        }
        if (queue.offer(line)) {
            return true;
        }
        if (overflowReported.compareAndSet(false, true)) {
            metrics.slowConsumerDisconnect();
            closeReason.record(LeaveReason.TOO_SLOW);
            runOnExecutor(this::abort);
        }
        return false;
    }

    private Throwable refusal() {
        Throwable failure = broken;
        if (failure != null) {
            return failure;
        }
        if (queue.overflowed()) {
            return new IOException("output limit exceeded: the connection is too slow");
        }
        return new ClosedChannelException();
    }

    private CompletableFuture<Void> nextBatchFuture() {
        CompletableFuture<Void> existing = nextBatchDone.get();
        if (existing != null) {
            return existing;
        }
        CompletableFuture<Void> created = new CompletableFuture<>();
        existing = nextBatchDone.compareAndExchange(null, created);
        return existing != null ? existing : created;
    }

    /**
     * Makes sure a flush will see what was just queued. While a write is in flight nothing is
     * scheduled: its completion takes the next batch, and {@link #writeNextBatch} looks again
     * after giving up the role, so a line queued in between is never stranded.
     */
    private void requestFlush() {
        if (!writing.get() && queue.claimDrain()) {
            runOnExecutor(this::flush);
        }
    }

    private void flush() {
        queue.drainStarted();
        if (writing.compareAndSet(false, true)) {
            writeNextBatch();
        }
    }

    /** Holding the role: starts the next batch, or gives the role up when there is nothing to do. */
    private void writeNextBatch() {
        while (true) {
            if (startBatch()) {
                return; // its completion carries on
            }
            writing.set(false);
            // An offer or drain since our last look may have seen "writing" still set and left it to us.
            if ((queue.isEmpty() && nextBatchDone.get() == null) || !writing.compareAndSet(false, true)) {
                return;
            }
        }
    }

    /** Holding the role: polls a batch and starts writing it; false when there was none. */
    private boolean startBatch() {
        CompletableFuture<Void> batchDone = nextBatchDone.getAndSet(null);
        if (batchDone != null) {
            owed.add(batchDone);
        }
        if (broken != null || socketClosed) {
            discardQueued();
            return false;
        }
        int count = 0;
        int batchBytes = 0;
        byte[] line = carried != null ? carried : queue.poll();
        carried = null;
        while (line != null) {
            if (count > 0 && (count == MAX_BATCH_LINES || batchBytes + line.length > maxBatchBytes)) {
                carried = line;
                break;
            }
            if (count == lines.length) {
                lines = Arrays.copyOf(lines, Math.min(2 * lines.length, MAX_BATCH_LINES));
            }
            lines[count++] = line;
            batchBytes += line.length;
            line = queue.poll();
        }
        batchEmptiedQueue = line == null;
        if (count == 0) {
            completeOwed(null); // everything queued before these futures has been written
            if (lines.length > SMALL_BATCH_LINES) {
                lines = new byte[SMALL_BATCH_LINES][];
            }
            return false;
        }
        out = ByteBuffer.wrap(count == 1 ? lines[0] : concat(count, batchBytes));
        Arrays.fill(lines, 0, count, null);
        writeBatch();
        return true;
    }

    /**
     * The first {@code count} lines in one array. One heap buffer rather than a gathering write of
     * one per line: the JDK copies every heap buffer into a temporary direct one before the system
     * call, and takes those from a small per-thread cache, so a gathering write of hundreds of
     * lines allocated and freed native memory for most of them.
     */
    private byte[] concat(int count, int size) {
        byte[] all = new byte[size];
        int at = 0;
        for (int i = 0; i < count; i++) {
            System.arraycopy(lines[i], 0, all, at, lines[i].length);
            at += lines[i].length;
        }
        return all;
    }

    private void writeBatch() {
        socketWrites.increment();
        try {
            channel.write(out, null, onWritten);
        } catch (RuntimeException e) {
            onWritten.failed(e, null); // e.g. the channel group is shut down
        }
    }

    private void discardQueued() {
        if (carried != null) {
            queue.sent(carried.length);
            carried = null;
        }
        byte[] line;
        while ((line = queue.poll()) != null) {
            queue.sent(line.length); // dropped, not sent: the socket is gone
        }
        Throwable failure = broken != null ? broken : new ClosedChannelException();
        completeOwed(failure);
    }

    private void completeOwed(Throwable failure) {
        for (CompletableFuture<Void> done : owed) {
            if (failure == null) {
                done.complete(null);
            } else {
                done.completeExceptionally(failure);
            }
        }
        owed.clear();
    }

    private void closeSocket(boolean graceful) {
        socketClosed = true;
        try {
            if (graceful && channel.isOpen()) {
                channel.shutdownOutput(); // FIN after the data, before close
            }
        } catch (IOException | RuntimeException e) {
            // already reset or closed: nothing left to shut down
        }
        try {
            channel.close();
        } catch (IOException e) {
            // closing is all we wanted
        }
        closed.complete(null);
    }

    private void runOnExecutor(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            // The server has stopped and closed every socket; nothing left to flush or close.
        }
    }

    /** A socket write finished: account for it, then finish the batch or take the next one. */
    private final class OnWritten implements CompletionHandler<Integer, Void> {

        @Override
        public void completed(Integer bytes, Void unused) {
            queue.sent(bytes);
            metrics.bytesWritten(bytes);
            if (out.hasRemaining()) {
                writeBatch(); // the kernel took part of it; write the rest
                return;
            }
            out = null;
            if (batchEmptiedQueue) {
                completeOwed(null);
            }
            writeNextBatch();
        }

        @Override
        public void failed(Throwable exc, Void unused) {
            if (broken == null) {
                broken = exc;
                closeReason.recordFailure(exc);
            }
            if (out != null) {
                queue.sent(out.remaining());
                out = null;
            }
            writeNextBatch(); // fails what is owed and gives the role up
        }
    }
}
