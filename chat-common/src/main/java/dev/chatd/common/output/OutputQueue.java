package dev.chatd.common.output;

import dev.chatd.common.render.OutputFormat;
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
 * <p>Batches: the writer takes lines as batches, each copied into one buffer for one write
 * ({@link #nextBatch}, then {@link #takeBatchLine()} line by line or {@link #takeBatch()}). One buffer,
 * not a gathering write of one buffer per line: the JDK copies every heap buffer of a gathering
 * write into a temporary direct buffer before the system call, and a profile of the streams
 * server showed that costing a fifth of its time. A batch carries at most {@link #MAX_BATCH_BYTES}
 * (and always at least one line), so a backlog never needs one huge buffer.
 *
 * <p>Room lines: a queue whose owner can be woken ({@link #ownedBy}) reads its room's lines from
 * that room's {@link RoomLog} through a cursor, and takes them into the queue, in the member's
 * format, whenever it is touched: before a line of its own is appended (so that line keeps its
 * place after the room's lines before it), when the writer takes its backlog, when the member
 * leaves the room or switches format. A room line counts as unsent from its append to the log.
 *
 * <p>Why two arrays and a monitor rather than a lock-free linked queue: lines from many threads
 * (replies, private messages, and the room's, when taken) meet here in one order. Here
 * an append is one uncontended monitor, one atomic add and an array store, all on this object,
 * with no allocation; the writer takes the whole backlog in one swap of arrays and then polls
 * without synchronising. Arrays left large by a burst are dropped once drained, so an idle
 * connection holds none.
 *
 * <p>Accounting, the one rule of both servers: {@link #pendingBytes()} counts from {@link #offer}
 * (or a room line's append to the log) until the writer reports the kernel took the bytes
 * ({@link #sent}), so it covers the log past the cursor, this queue and
 * whatever the transport still holds. Past the limit a connection is too slow only once the kernel
 * has refused some of its output ({@link #kernelRefused}: the socket's send buffer is full, so the
 * reader really is behind), as docs/protocol.md counts it, "beyond what the kernel has accepted".
 * While the kernel takes everything the writer hands it, bytes over the limit are the server's
 * own backlog (one read of a flooder's input can fan out to more than the limit before the writer
 * has had a turn), and cutting a reader that keeps up for them would be wrong. Memory stays
 * bounded all the same: past the limit plus {@link #BACKLOG_ALLOWANCE} an offer fails whatever the
 * kernel does. Room lines are checked the same way when taken, and by the log's sweep
 * ({@link #checkBehind}) for a writer that takes nothing. A connection that overflows accepts
 * nothing more, and its owner closes it.
 *
 * <p>The server-wide {@link OutputBudget}: every unsent byte counts there too, from the offer
 * until the kernel takes it, told in steps of {@link #BUDGET_STEP} (room lines: by the log, once
 * for all members); {@link #retire} gives back what is still counted when the connection is gone,
 * and room lines it never took are given back as it leaves the room.
 */
public final class OutputQueue {

    /**
     * Most bytes in one batch, for both servers. 64 KiB: large enough that a backlog costs few
     * system calls (the kernel's loopback and default TCP send buffers take less at once), small
     * enough to be a plain pooled or heap allocation. Netty writes several batches in one
     * {@code writev}, so the callback server loses nothing by the cap.
     */
    public static final int MAX_BATCH_BYTES = 64 * 1024;

    /**
     * How far past the limit a connection's unsent bytes may go while its kernel still takes
     * everything: the server's own backlog, not the reader's. 1 MiB is about what one turn of an
     * event loop can fan out of one flooder's input (Netty reads up to 16 buffers of 64 KiB per
     * turn) before another thread's writer has caught up; measured, a reader that kept up was at
     * most about 0.5 MiB behind in the flood contract test. Not a guarantee: a writer whose thread
     * is starved (an overloaded machine) can fall further behind a producing thread than any fixed
     * allowance, and the reader is then cut although it keeps up. The cure would be to pause the
     * producing sender while a member's writer lags, which the room model does not offer yet.
     */
    public static final long BACKLOG_ALLOWANCE = 1024 * 1024;

    /**
     * A queue tells the {@link OutputBudget} of its unsent bytes once they have grown by this much
     * (and of what was sent at each write), so the budget may miss up to this much per connection:
     * 40 MB at 10,000 connections, against the 96 MB budget of a 384 MiB heap.
     */
    static final long BUDGET_STEP = 4096;

    private static final byte[][] NONE = new byte[0][];
    private static final int FIRST_CAPACITY = 8;
    /** A drained array bigger than this is dropped instead of reused. */
    private static final int KEPT_CAPACITY = FIRST_CAPACITY;
    private static final VarHandle PENDING;
    private static final VarHandle DRAIN_SCHEDULED;
    private static final VarHandle AWAITING_LOG;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            PENDING = lookup.findVarHandle(OutputQueue.class, "pending", long.class);
            DRAIN_SCHEDULED = lookup.findVarHandle(OutputQueue.class, "drainScheduled", boolean.class);
            AWAITING_LOG = lookup.findVarHandle(OutputQueue.class, "awaitingLog", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long limit;
    private final OutputBudget budget;
    /** Bytes of this queue offered and not yet sent; guarded by "this". */
    private long counted;
    /** The part of {@link #counted} the budget holds now (never more); guarded by "this". */
    private long published;
    /** Gone: nothing more is counted in the budget. Guarded by "this". */
    private boolean retired;
    /** Past this an offer fails even while the kernel keeps up: the limit plus the allowance. */
    private final long bound;
    private volatile long pending;
    /** The writer's last report: the kernel refused part of a write and has not caught up since. */
    private volatile boolean kernelFull;
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
    /** The batch {@link #nextBatch} sized: draining[drainNext, batchEnd), batchBytes in all. */
    private int batchEnd;
    private int batchBytes;
    /** Bytes ever queued; guarded by "this". For {@link #offeredBytes()}. */
    private long offered;
    // The room log this queue reads (null when in no room) and its cursor there: the next line to
    // take, and the log's byte count in the member's format up to it. Guarded by "this"; the
    // volatile ones are also read without it, for the unsent count and the wake-up.
    private volatile RoomLog log;
    private RoomLog.Chunk logChunk;
    private int logIndex;
    private volatile OutputFormat logFormat;
    private volatile long takenBytes;
    /** In the log's waiting list; set by CAS here, cleared by the log's append. */
    private volatile boolean awaitingLog;
    /** Wakes the writer and closes the connection for room lines: the owner's to set. */
    private volatile Owner owner;

    /**
     * What a queue that reads a {@link RoomLog} needs of its owner, the connection: room lines
     * arrive without an offer, so no offer can schedule their drain or report their overflow.
     */
    public interface Owner {
        /** Schedules the writer's drain; the role has been claimed for it ({@link #claimDrain}). */
        void wake();

        /** The connection is too slow (more than its limit behind): close it, not inline. */
        void overflowed();
    }

    /** A queue whose bytes count in no budget. */
    public OutputQueue(long limitBytes) {
        this(limitBytes, OutputBudget.UNLIMITED);
    }

    /** A queue whose unsent bytes count in {@code budget}. */
    public OutputQueue(long limitBytes, OutputBudget budget) {
        this.limit = limitBytes;
        this.budget = budget;
        this.bound = limitBytes > Long.MAX_VALUE - BACKLOG_ALLOWANCE ? Long.MAX_VALUE : limitBytes + BACKLOG_ALLOWANCE;
    }

    /**
     * Queues a line. Returns false, and keeps nothing, when the connection has overflowed: this
     * line takes the unsent total past the limit while the kernel refuses output, or past the
     * limit plus {@link #BACKLOG_ALLOWANCE} in any case, or an earlier line already overflowed.
     */
    public boolean offer(byte[] line) {
        if (overflowed) return false;
        synchronized (this) {
            if (sealed) return true; // after the last line, lines are dropped: no overflow
            takeLog();
            return append(line);
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
            takeLog();
            sealed = true;
            return append(line);
        }
    }

    // Holding "this".
    private boolean append(byte[] line) {
        return append(line, false);
    }

    // Holding "this". A line from the log is counted in the budget already (the log told it).
    private boolean append(byte[] line, boolean fromLog) {
        if (overflowed) return false; // checked again so no line follows the one refused
        long unsent = (long) PENDING.getAndAdd(this, (long) line.length) + line.length;
        if (unsent > limit && (kernelFull || unsent > bound)) {
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
        if (!retired) {
            counted += line.length;
            if (fromLog) {
                published += line.length;
            // The budget is told in steps, not per line: a private line to every member (the
            // shutdown notice) would touch one shared counter per member.
            } else if (counted - published >= BUDGET_STEP) {
                budget.add(counted - published);
                published = counted;
            }
        }
        return true;
    }

    /**
     * Sizes the next batch: the lines at the head of the queue, in order, as many as fit in
     * {@code maxBytes} (at least one, however long). Returns its size in bytes, or 0 when nothing is
     * queued. Take it with {@link #takeBatchLine()} or {@link #takeBatch()} before sizing
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

    /**
     * Removes and returns the next line of the batch {@link #nextBatch} sized, or null once it is
     * all taken: for copying it into a buffer of the transport's own (and allocating nothing).
     */
    public byte[] takeBatchLine() {
        if (drainNext == batchEnd) {
            return null;
        }
        byte[] line = draining[drainNext];
        draining[drainNext++] = null;
        return line;
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
        int at = 0;
        for (byte[] line; (line = takeBatchLine()) != null; at += line.length) {
            System.arraycopy(line, 0, all, at, line.length);
        }
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
        takeLog();
        return offered;
    }

    /** True when nothing is queued (bytes handed to the transport may still be unsent). */
    public boolean isEmpty() {
        if (drainNext < drainCount) return false;
        synchronized (this) {
            return incomingCount == 0 && !logHasMore();
        }
    }

    /** The writer reports that the kernel accepted {@code bytes} of what it polled. */
    public void sent(long bytes) {
        PENDING.getAndAdd(this, -bytes);
        long released = 0;
        synchronized (this) { // once per write, not per line
            counted = Math.max(0, counted - bytes);
            if (published > counted) {
                released = published - counted;
                published = counted;
            }
        }
        budget.release(released);
    }

    /**
     * The connection is gone: what it still counts in the budget is given back, and nothing more
     * is counted. Each transport calls it once its socket is closed; safe to call more than once.
     */
    public void retire() {
        long released;
        synchronized (this) {
            retired = true;
            released = published;
            counted = published = 0;
        }
        budget.release(released);
    }

    /** Bytes offered (or appended to the room's log) and not yet accepted by the kernel. */
    public long pendingBytes() {
        return pending + logBehind();
    }

    /** True once the connection has overflowed: an offer failed, or {@link #kernelRefused} said so. */
    public boolean overflowed() {
        return overflowed;
    }

    /** True while more than the limit is unsent: the writer should hand the kernel what it takes. */
    public boolean overLimit() {
        return pendingBytes() > limit;
    }

    /**
     * The writer reports that the kernel refused part of a write: its send buffer is full. Returns
     * true if that makes the connection too slow (more than the limit is unsent); it has then
     * overflowed, and the caller closes it. Until {@link #kernelTookAll}, offers past the limit fail.
     */
    public boolean kernelRefused() {
        kernelFull = true;
        if (pendingBytes() <= limit) {
            return false;
        }
        synchronized (this) { // as in offer: no line is queued after the overflow
            boolean first = !overflowed;
            overflowed = true;
            return first;
        }
    }

    /** The writer reports that the kernel took everything it was handed. */
    public void kernelTookAll() {
        if (kernelFull) { // called after every write: read, and write only on a change
            kernelFull = false;
        }
    }

    /** True while the kernel refuses part of this connection's output: its reader is behind. */
    public boolean readerBehind() {
        return kernelFull;
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
        RoomLog l = log;
        if (l != null && !awaitingLog && AWAITING_LOG.compareAndSet(this, false, true)) {
            l.await(this); // the log's next line wakes the writer (a look at the queue follows a release)
        }
    }

    /** Sets the owner; once, before the queue joins a room. Without one, room lines come as offers. */
    public void ownedBy(Owner owner) {
        this.owner = owner;
    }

    /** True when the owner can take room lines through a {@link RoomLog}. */
    public boolean readsRoomLogs() {
        return owner != null;
    }

    /** The budget this queue's unsent bytes count in. */
    OutputBudget budget() {
        return budget;
    }

    /**
     * From now on the log's lines are this queue's too, rendered in {@code format}: they count as
     * unsent from their append. Holding the room's lock, with {@link RoomLog#accepts} true.
     */
    public synchronized void attach(RoomLog roomLog, OutputFormat format) {
        takeLog();
        if (log != null) log.readers(logFormat, -1);
        log = roomLog;
        logChunk = roomLog.tail();
        logIndex = logChunk.count;
        logFormat = format;
        roomLog.readers(format, 1);
        takenBytes = roomLog.bytes(format);
        // Woken by the room's next line whatever the writer is doing: a wait left in the log of a
        // room before stays there harmlessly, and must not stop this one.
        awaitingLog = true;
        roomLog.await(this);
    }

    /** The log's lines so far are this queue's, and no later ones. Holding the room's lock. */
    public synchronized void detach() {
        takeLog();
        if (log != null) log.readers(logFormat, -1);
        log = null;
        logChunk = null;
    }

    /** The log's lines so far in the format read until now, later ones in {@code format}. Holding the room's lock. */
    public synchronized void switchLogFormat(OutputFormat format) {
        takeLog();
        if (log == null || format == logFormat) {
            logFormat = format;
            return;
        }
        log.readers(logFormat, -1);
        log.readers(format, 1);
        logFormat = format;
        takenBytes = log.bytes(format);
    }

    /**
     * The log's sweep: a queue more than its limit behind while the kernel refuses its output (or
     * past the limit plus the allowance in any case) is too slow, as an offer would have found it.
     * Holding the room's lock.
     */
    public void checkBehind() {
        if (overflowed) return;
        long unsent = pendingBytes();
        if (unsent <= limit || !(kernelFull || unsent > bound)) return;
        synchronized (this) {
            if (overflowed) return;
            overflowed = true;
        }
        owner.overflowed();
    }

    // The log's append: the owner's writer had nothing left; wake it unless it already runs.
    void logAppended() {
        awaitingLog = false;
        if (claimDrain()) {
            owner.wake();
        }
    }

    // Holding "this": the log's lines since the cursor join the queue, as offers would have put them.
    private void takeLog() {
        if (log == null) return;
        boolean wasOverflowed = overflowed;
        OutputFormat format = logFormat;
        RoomLog.Chunk c = logChunk;
        int i = logIndex;
        long taken = takenBytes;
        while (true) {
            int n = c.count;
            for (; i < n; i++) {
                byte[] line = c.lines[i].bytes(format);
                taken += line.length;
                if (sealed || retired || !append(line, true)) {
                    budget.release(line.length); // counted by the log for a line this queue drops
                }
            }
            if (n < RoomLog.CHUNK) break;
            RoomLog.Chunk next = c.next;
            if (next == null) break;
            c = next;
            i = 0;
        }
        logChunk = c;
        logIndex = i;
        takenBytes = taken;
        if (overflowed && !wasOverflowed) {
            owner.overflowed(); // not inline: the owner closes on its own thread
        }
    }

    // Holding "this".
    private boolean logHasMore() {
        if (log == null) return false;
        return logIndex < logChunk.count || (logIndex == RoomLog.CHUNK && logChunk.next != null);
    }

    // Bytes of the log past the cursor: unsent, though not taken yet.
    private long logBehind() {
        RoomLog l = log;
        return l == null ? 0 : Math.max(0, l.bytes(logFormat) - takenBytes);
    }

    // Swaps the exhausted drain array for the offers' one; false when there was nothing to take.
    private boolean takeBacklog() {
        byte[][] spent = draining.length > KEPT_CAPACITY ? NONE : draining;
        synchronized (this) {
            takeLog();
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
