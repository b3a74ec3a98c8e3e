package dev.chatd.common.output;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;

/**
 * One connection's unsent output: a queue any thread may add lines to, drained by the
 * connection's own writer, with a byte bound.
 *
 * <p>Why both transports need it: lines for one connection come from many threads (every sender
 * in the room). Appending them here, under the room's lock, fixes their order once; the writer
 * then sends them in that order from its own thread. Writing straight to a Netty channel instead
 * would reorder lines, because a write made on the channel's event loop runs at once while one
 * from another thread is queued (netty#3246). Draining everything that piled up in one go is also
 * what coalesces many lines into one socket write.
 *
 * <p>Batches: the writer takes lines as batches, each copied into one buffer for one write
 * ({@link #nextBatch}, then {@link #takeBatch(ByteBuffer)} or {@link #takeBatch()}). One buffer,
 * not a gathering write of one buffer per line: the JDK copies every heap buffer of a gathering
 * write into a temporary direct buffer before the system call, and a profile of the streams
 * server showed that costing a fifth of its time. A batch carries at most {@link #MAX_BATCH_BYTES}
 * (and always at least one line), so a backlog never needs one huge buffer.
 *
 * <p>Why two arrays and a monitor rather than a lock-free linked queue: a broadcast appends to
 * every member's queue, so at 10,000 members the cost per append is the cost of the server. Here
 * an append is one uncontended monitor, one atomic add and an array store, all on this object,
 * with no allocation; the writer takes the whole backlog in one swap of arrays and then polls
 * without synchronising. Arrays left large by a burst are dropped once drained, so an idle
 * connection holds none.
 *
 * <p>Accounting: {@link #pendingBytes()} counts from {@link #offer} until the writer reports the
 * kernel took the bytes ({@link #sent}), so it covers this queue and whatever the transport still
 * holds. An offer that takes it past the limit fails and the connection is then too slow: it
 * accepts nothing more, and its owner closes it.
 */
public final class OutputQueue {

    /**
     * Most bytes in one batch, for both servers. 64 KiB: large enough that a backlog costs few
     * system calls (the kernel's loopback and default TCP send buffers take less at once), small
     * enough to be a plain pooled or heap allocation. Netty writes several batches in one
     * {@code writev}, so the callback server loses nothing by the cap.
     */
    public static final int MAX_BATCH_BYTES = 64 * 1024;

    private static final byte[][] NONE = new byte[0][];
    private static final int FIRST_CAPACITY = 8;
    /** A drained array bigger than this is dropped instead of reused. */
    private static final int KEPT_CAPACITY = FIRST_CAPACITY;
    private static final VarHandle PENDING;
    private static final VarHandle DRAIN_SCHEDULED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            PENDING = lookup.findVarHandle(OutputQueue.class, "pending", long.class);
            DRAIN_SCHEDULED = lookup.findVarHandle(OutputQueue.class, "drainScheduled", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long limit;
    private volatile long pending;
    private volatile boolean drainScheduled;
    private volatile boolean overflowed;
    // Guarded by "this": where offers append.
    private byte[][] incoming = NONE;
    private int incomingCount;
    // The writer's alone (whoever drains, one at a time): the backlog it took, read from drainNext.
    private byte[][] draining = NONE;
    private int drainNext;
    private int drainCount;
    /** The batch {@link #nextBatch} sized: draining[drainNext, batchEnd), batchBytes in all. */
    private int batchEnd;
    private int batchBytes;
    /** Bytes ever queued; guarded by "this". For {@link #offeredBytes()}. */
    private long offered;

    public OutputQueue(long limitBytes) {
        this.limit = limitBytes;
    }

    /**
     * Queues a line. Returns false, and keeps nothing, when the connection has overflowed: this
     * line would take the unsent total past the limit, or an earlier one already did.
     */
    public boolean offer(byte[] line) {
        if (overflowed) return false;
        synchronized (this) {
            if (overflowed) return false; // checked again so no line follows the one refused
            if ((long) PENDING.getAndAdd(this, (long) line.length) + line.length > limit) {
                PENDING.getAndAdd(this, (long) -line.length);
                overflowed = true;
                return false;
            }
            if (incomingCount == incoming.length) {
                byte[][] bigger = new byte[Math.max(FIRST_CAPACITY, 2 * incomingCount)][];
                System.arraycopy(incoming, 0, bigger, 0, incomingCount);
                incoming = bigger;
            }
            incoming[incomingCount++] = line;
            offered += line.length;
        }
        return true;
    }

    /**
     * Sizes the next batch: the lines at the head of the queue, in order, as many as fit in
     * {@code maxBytes} (at least one, however long). Returns its size in bytes, or 0 when nothing is
     * queued. Take it with {@link #takeBatch(ByteBuffer)} or {@link #takeBatch()} before sizing
     * another. Only the connection's writer calls this.
     */
    public int nextBatch(int maxBytes) {
        if (drainNext == drainCount && !takeBacklog()) return 0;
        int end = drainNext;
        long bytes = 0;
        do {
            bytes += draining[end++].length;
        } while (end < drainCount && bytes + draining[end].length <= maxBytes);
        batchEnd = end;
        batchBytes = (int) Math.min(bytes, Integer.MAX_VALUE);
        return batchBytes;
    }

    /** Copies the batch {@link #nextBatch} sized into {@code target}, in order, and removes it. */
    public void takeBatch(ByteBuffer target) {
        for (int i = drainNext; i < batchEnd; i++) {
            target.put(draining[i]);
            draining[i] = null;
        }
        drainNext = batchEnd;
    }

    /**
     * Removes the batch {@link #nextBatch} sized and returns it as one array: a batch of one line
     * is that line itself, with no copy (lines are never changed once queued).
     */
    public byte[] takeBatch() {
        if (batchEnd - drainNext == 1) {
            byte[] line = draining[drainNext];
            draining[drainNext++] = null;
            return line;
        }
        byte[] all = new byte[batchBytes];
        takeBatch(ByteBuffer.wrap(all));
        return all;
    }

    /**
     * Drops everything queued, as if the kernel had taken it (the socket is gone, so nothing will
     * be): the unsent count goes down by as much. Returns the bytes dropped. Writer only.
     */
    public long discardAll() {
        long dropped = 0;
        for (int size; (size = nextBatch(Integer.MAX_VALUE)) > 0; ) {
            for (int i = drainNext; i < batchEnd; i++) {
                draining[i] = null;
            }
            drainNext = batchEnd;
            dropped += size;
        }
        sent(dropped);
        return dropped;
    }

    /** Bytes ever queued: a line {@link #offer offered} before this call is within it. */
    public synchronized long offeredBytes() {
        return offered;
    }

    /** True when nothing is queued (bytes handed to the transport may still be unsent). */
    public boolean isEmpty() {
        if (drainNext < drainCount) return false;
        synchronized (this) {
            return incomingCount == 0;
        }
    }

    /** The writer reports that the kernel accepted {@code bytes} of what it polled. */
    public void sent(long bytes) {
        PENDING.getAndAdd(this, -bytes);
    }

    /** Bytes offered and not yet accepted by the kernel. */
    public long pendingBytes() {
        return pending;
    }

    /** True once an offer has failed for want of room. */
    public boolean overflowed() {
        return overflowed;
    }

    /**
     * Claims the writer's role: returns true for exactly one caller until {@link #releaseDrain()},
     * so a burst of offers schedules one drain, not one each. What the role covers, and when it
     * is given up, is each writer's own rule (see the two servers' writers).
     */
    public boolean claimDrain() {
        return !drainScheduled && DRAIN_SCHEDULED.compareAndSet(this, false, true);
    }

    /**
     * Gives the writer's role up: a line offered after this point can claim it again, so none is
     * left behind as long as the writer releases before its last look at the queue.
     */
    public void releaseDrain() {
        drainScheduled = false;
    }

    // Swaps the exhausted drain array for the offers' one; false when there was nothing to take.
    private boolean takeBacklog() {
        byte[][] spent = draining.length > KEPT_CAPACITY ? NONE : draining;
        synchronized (this) {
            if (incomingCount == 0) {
                incoming = incoming.length > KEPT_CAPACITY ? NONE : incoming;
                draining = spent;
                drainNext = drainCount = 0;
                return false;
            }
            draining = incoming;
            drainCount = incomingCount;
            incoming = spent;
            incomingCount = 0;
        }
        drainNext = 0;
        return true;
    }
}
