package dev.chatd.common.output;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connection's unsent output: a lock-free queue any thread may add lines to, drained by the
 * connection's own writer, with a byte bound.
 *
 * <p>Why both transports need it: lines for one connection come from many threads (every sender
 * in the room). Appending them here, under the room's lock, fixes their order once; the writer
 * then sends them in that order from its own thread. Writing straight to a Netty channel instead
 * would reorder lines, because a write made on the channel's event loop runs at once while one
 * from another thread is queued (netty#3246). Draining everything that piled up in one go is also
 * what coalesces many lines into one socket write.
 *
 * <p>Accounting: {@link #pendingBytes()} counts from {@link #offer} until the writer reports the
 * kernel took the bytes ({@link #sent}), so it covers this queue and whatever the transport still
 * holds. An offer that takes it past the limit fails and the connection is then too slow: it
 * accepts nothing more, and its owner closes it.
 */
public final class OutputQueue {

    private final ConcurrentLinkedQueue<byte[]> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final long limit;
    private volatile boolean overflowed;

    public OutputQueue(long limitBytes) {
        this.limit = limitBytes;
    }

    /**
     * Queues a line. Returns false, and keeps nothing, when the connection has overflowed: this
     * line would take the unsent total past the limit, or an earlier one already did.
     */
    public boolean offer(byte[] line) {
        if (overflowed) return false;
        if (pending.addAndGet(line.length) > limit) {
            pending.addAndGet(-line.length);
            overflowed = true;
            return false;
        }
        queue.offer(line);
        return true;
    }

    /** The next line to write, or null. Only the connection's writer calls this. */
    public byte[] poll() {
        return queue.poll();
    }

    /** True when nothing is queued (bytes handed to the transport may still be unsent). */
    public boolean isEmpty() {
        return queue.isEmpty();
    }

    /** The writer reports that the kernel accepted {@code bytes} of what it polled. */
    public void sent(long bytes) {
        pending.addAndGet(-bytes);
    }

    /** Bytes offered and not yet accepted by the kernel. */
    public long pendingBytes() {
        return pending.get();
    }

    /** True once an offer has failed for want of room. */
    public boolean overflowed() {
        return overflowed;
    }

    /**
     * Claims the right to schedule a drain. Returns true for exactly one caller until the drain
     * runs and calls {@link #drainStarted()}, so a burst of offers schedules one drain, not one each.
     */
    public boolean claimDrain() {
        return !drainScheduled.get() && drainScheduled.compareAndSet(false, true);
    }

    /**
     * The drain calls this before it polls: a line offered after this point schedules a new drain,
     * so none is left behind.
     */
    public void drainStarted() {
        drainScheduled.set(false);
    }
}
