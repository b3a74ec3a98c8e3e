package dev.chatd.streams;

import dev.chatd.common.closing.CloseReason;
import dev.chatd.common.metrics.ChatMetrics;
import dev.chatd.common.output.OutputBudget;
import dev.chatd.common.output.OutputQueue;
import dev.chatd.common.room.LeaveReason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.CompletionHandler;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Writes one connection's output lines, in the manner of asyncio's {@code StreamWriter}:
 * {@link #write} queues and never waits, {@link #drain} is the one wait (until the kernel has
 * taken everything written so far), {@link #close} flushes, within a bound, before closing, and
 * {@link #abort} closes at once. Thread-safe: any thread may call any of them.
 *
 * <p>The writer's role, the one rule that keeps this correct: NIO.2 allows one write in flight per
 * socket (a second throws {@code WritePendingException}), so only the holder of the role touches
 * the socket and the queue's batches. A {@link #write} that claims the role
 * ({@link OutputQueue#claimDrain}) hands it to the executor; the holder writes the next batch of
 * the common {@link OutputQueue} as one buffer and keeps the role through that write's completion,
 * after which it takes the next batch: in a loop when the channel completed the write inline (the
 * common case: the kernel took it at once), from the completion when it came later, never nested
 * ({@link Handover}). It gives the role up only when it finds the queue empty, and then
 * looks once more: a line queued just before found the role taken, claimed nothing, and would
 * otherwise wait for the next line. While a write is in flight new lines only queue up; that is
 * what turns a burst of broadcasts into few socket writes.
 *
 * <p>Too slow: a write the kernel takes only in part tells the queue its buffer is full; from
 * then on, more than the output limit unsent is a reader too slow ({@link OutputQueue} has the
 * rule). The line is dropped, {@code too slow} recorded and counted once, and the socket closed
 * on the executor, because {@code write} runs under room locks and must not close anything inline.
 */
public final class LineWriter {

    private final AsynchronousSocketChannel channel;
    private final OutputQueue queue;
    private final ChatMetrics metrics;
    private final Executor executor;
    private final CloseReason closeReason;
    private final CompletionHandler<Integer, Void> onWritten = new OnWritten();
    private final Runnable writeNext = this::writeNext;
    /** Whether the write loop or a write's completion goes on after that write. */
    private final Handover handover = new Handover();
    /** Callers of {@link #drain} still waiting; rarely more than one. */
    private final ConcurrentLinkedQueue<Drain> drains = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean closeStarted = new AtomicBoolean();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final LongAdder socketWrites = new LongAdder();
    private volatile boolean socketClosed;
    /** The first write failure; every later write fails with it. */
    private volatile Throwable broken;
    /**
     * Bytes the kernel took, or that were dropped once the socket was gone (drains fail then);
     * only the role holder adds.
     */
    private volatile long settled;
    /** The batch being written; the role holder's. */
    private ByteBuffer out;

    /** One {@link #drain} call: done once {@link #settled} reaches what was offered before it. */
    private record Drain(long offered, CompletableFuture<Void> done) {}

    /**
     * @param channel          the connection; this writer issues all writes on it and closes it
     * @param outputLimitBytes unsent bytes (queued or with the transport) beyond which the
     *                         connection is too slow
     * @param budget           the server's own backlog, which this connection's unsent bytes count
     *                         in while the kernel keeps up; given back when the socket closes
     * @param metrics          counts bytes written and slow-consumer disconnects
     * @param executor         runs the writer's role off the caller's thread, and the overflow close
     * @param closeReason      where the writer records {@code too slow} before it closes the socket
     *                         for passing the output limit, and what a failed write means
     */
    public LineWriter(AsynchronousSocketChannel channel, long outputLimitBytes, OutputBudget budget,
                      ChatMetrics metrics, Executor executor, CloseReason closeReason) {
        this.channel = channel;
        this.queue = new OutputQueue(outputLimitBytes, budget);
        queue.ownedBy(new OutputQueue.Owner() {
            @Override
            public void wake() {
                runOnExecutor(writeNext);
            }

            @Override
            public void overflowed() {
                tooSlow();
            }
        });
        this.metrics = metrics;
        this.executor = executor;
        this.closeReason = closeReason;
    }

    /**
     * Queues a line (a whole rendered line or prompt) and never waits: the room model's path as
     * much as the session's. Returns false if the line was dropped: the connection is over its
     * limit (and is being closed as too slow), closed, or a write failed.
     */
    public boolean write(byte[] line) {
        return queue(line, false);
    }

    /**
     * Queues the connection's last line, as {@link #write} does; everything written after it is
     * dropped (see {@link OutputQueue#offerLast}).
     */
    public boolean writeLast(byte[] line) {
        return queue(line, true);
    }

    private boolean queue(byte[] line, boolean last) {
        if (socketClosed || broken != null) {
            return false;
        }
        if (!(last ? queue.offerLast(line) : queue.offer(line))) {
            tooSlow();
            return false;
        }
        if (queue.claimDrain()) {
            runOnExecutor(writeNext);
        }
        return true;
    }

    /**
     * Completes when the kernel has taken everything written before this call; fails if the socket
     * is closed or a write fails before that.
     */
    public CompletableFuture<Void> drain() {
        long offered = queue.offeredBytes();
        Throwable failure = failure();
        if (failure != null) {
            return CompletableFuture.failedFuture(failure);
        }
        if (settled >= offered) {
            return CompletableFuture.completedFuture(null);
        }
        Drain drain = new Drain(offered, new CompletableFuture<>());
        drains.add(drain);
        settleDrains(); // the last write may have completed before the add
        return drain.done();
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

    /** Closes the socket now, dropping unsent output; pending reads, writes and drains fail. */
    public void abort() {
        closeSocket(false);
    }

    /** Completes when the socket has been closed, by {@link #close} or {@link #abort}. */
    public CompletableFuture<Void> closed() {
        return closed;
    }

    /**
     * True while more than the output limit is unsent: a session that sees it should {@link #drain}
     * before it reads on, as asyncio's writers wait past their high-water mark.
     */
    public boolean overLimit() {
        return queue.overLimit();
    }

    /** The queue this writer drains; room lines may reach it through a room's log. */
    public OutputQueue queue() {
        return queue;
    }

    /** Bytes queued and not yet accepted by the kernel. */
    public long pendingBytes() {
        return queue.pendingBytes();
    }

    /** True while the kernel refuses part of the output: the reader is behind. */
    public boolean readerBehind() {
        return queue.readerBehind();
    }

    /** Closes at once as too slow, as passing the limit would (the server's output budget asks). */
    public void cutTooSlow() {
        tooSlow();
    }

    /** Socket write calls made so far; for tests of write gathering. */
    long socketWrites() {
        return socketWrites.sum();
    }

    private void tooSlow() {
        // Every later offer fails too; only the first to record the reason counts and closes.
        if (closeReason.record(LeaveReason.TOO_SLOW)) {
            metrics.slowConsumerDisconnect();
            runOnExecutor(this::abort);
        }
    }

    /**
     * Holding the role, with no write in flight: writes until the queue is empty, then gives the
     * role up. A write the channel completes inline is followed from this loop; one that completes
     * later is followed by its completion, which calls this again.
     */
    private void writeNext() {
        while (nextWrite()) {
            handover.issuing();
            socketWrites.increment();
            try {
                channel.write(out, null, onWritten);
            } catch (RuntimeException e) {
                onWritten.failed(e, null); // e.g. the channel group is shut down
            }
            if (!handover.returned()) {
                return; // the completion, still to come, carries on
            }
        }
    }

    /**
     * Holding the role, between writes: sets {@link #out} to what to write next (the rest of a
     * write the kernel took in part, or the next batch) and returns true; or, with nothing left,
     * gives the role up and returns false.
     */
    private boolean nextWrite() {
        if (out != null) {
            return true; // the kernel took part of it: the rest, once it has room
        }
        while (true) {
            if (broken != null || socketClosed) {
                settled += queue.discardAll();
            } else if (queue.nextBatch(OutputQueue.MAX_BATCH_BYTES) > 0) {
                out = ByteBuffer.wrap(queue.takeBatch());
                return true;
            }
            queue.releaseDrain();
            settleDrains();
            if (queue.isEmpty() || !queue.claimDrain()) {
                return false;
            }
        }
    }

    /** Completes the drains whose lines the kernel has all taken; once the socket is gone, fails them all. */
    private void settleDrains() {
        if (drains.isEmpty()) {
            return; // the common case, once per batch: no iterator
        }
        Throwable failure = failure();
        for (Iterator<Drain> it = drains.iterator(); it.hasNext(); ) {
            Drain drain = it.next();
            if (failure != null) {
                it.remove();
                drain.done().completeExceptionally(failure);
            } else if (drain.offered() <= settled) {
                it.remove();
                drain.done().complete(null);
            }
        }
    }

    /** Why nothing more will be written, or null while the socket is fine. */
    private Throwable failure() {
        Throwable failure = broken;
        return failure != null ? failure : socketClosed ? new ClosedChannelException() : null;
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
        queue.retire();
        settleDrains();
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
            settled += bytes;
            if (out.hasRemaining()) {
                // The kernel took part of it: its buffer is full. Past the limit that is a slow reader.
                if (queue.kernelRefused()) {
                    tooSlow();
                }
            } else {
                queue.kernelTookAll();
                out = null;
                settleDrains();
            }
            if (handover.arrived()) {
                writeNext();
            }
        }

        @Override
        public void failed(Throwable exc, Void unused) {
            if (broken == null) {
                broken = exc;
                if (!socketClosed) { // else it failed because we closed the socket: no cause of its own
                    closeReason.recordFailure(exc);
                }
            }
            int unsent = out.remaining();
            queue.sent(unsent);
            settled += unsent;
            out = null;
            if (handover.arrived()) {
                writeNext(); // drops what is queued, fails the drains, gives the role up
            }
        }
    }
}
