package dev.chatd.common.output;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

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
    private boolean sealed; // guarded by "this": the last line is queued, later ones are dropped
    // Guarded by "this": where offers append.
    private byte[][] incoming = NONE;
    private int incomingCount;
    // The writer's alone (whoever drains, one at a time): the backlog it took, read from drainNext.
    private byte[][] draining = NONE;
    private int drainNext;
    private int drainCount;

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
            return sealed || append(line); // after the last line, lines are dropped: no overflow
        }
    }

    /**
     * Queues the connection's last line: every later {@link #offer} is dropped (and returns true:
     * it is no overflow). Returns false, like {@link #offer}, when there is no room for it.
     */
    public boolean offerLast(byte[] line) {
        if (overflowed) return false;
        synchronized (this) {
            if (sealed) return true;
            sealed = true;
            return append(line);
        }
    }

    // Holding "this".
    private boolean append(byte[] line) {
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
        return true;
    }

    /** The next line to write, or null. Only the connection's writer calls this. */
    public byte[] poll() {
        if (drainNext == drainCount && !takeBacklog()) return null;
        byte[] line = draining[drainNext];
        draining[drainNext++] = null;
        return line;
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
     * Claims the right to schedule a drain. Returns true for exactly one caller until the drain
     * runs and calls {@link #drainStarted()}, so a burst of offers schedules one drain, not one each.
     */
    public boolean claimDrain() {
        return !drainScheduled && DRAIN_SCHEDULED.compareAndSet(this, false, true);
    }

    /**
     * The drain calls this before it polls: a line offered after this point schedules a new drain,
     * so none is left behind.
     */
    public void drainStarted() {
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
