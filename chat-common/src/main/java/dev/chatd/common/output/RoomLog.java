package dev.chatd.common.output;

import dev.chatd.common.render.OutputFormat;
import dev.chatd.common.render.RenderedLine;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A room's lines, appended once each, which every member's {@link OutputQueue} reads from its own
 * cursor when its writer takes its next batch: a broadcast costs one append, not one per member.
 * A queue whose writer has nothing left waits here and is woken by the next append.
 *
 * <p>Why: a broadcast that appended a reference to each member's queue cost a monitor, an atomic
 * add and an array store per member, each a cache miss at 10,000 members, all under the room's
 * lock; in a login storm every login is a broadcast, so the room's lock, not the writers, set the
 * pace. Here the members whose writers are busy cost nothing per line, and the others one wake-up.
 *
 * <p>Accounting stays what {@link OutputQueue} says: a line counts in a member's unsent bytes from
 * its append until the kernel takes it, for the limit and the {@link OutputBudget} alike. The log
 * tells the budget once per line for all its members ({@link #append}); a queue that takes a line
 * counts it as its own without telling the budget again. A member too slow is found by a sweep
 * every {@link #SWEEP_BYTES} of lines ({@link OutputQueue#checkBehind}), as an offer past the
 * limit would have found it.
 *
 * <p>Appends, attaches and detaches are made holding the room's lock; cursors read concurrently.
 * Lines no cursor can reach any more are garbage: the log keeps only its tail.
 */
public final class RoomLog {

    static final int CHUNK = 128;
    /** How much the log grows between two sweeps for members too slow. */
    static final long SWEEP_BYTES = 4096;

    /** A fixed run of lines; {@link #count} publishes them, {@link #next} the chunk after a full one. */
    static final class Chunk {
        final RenderedLine[] lines = new RenderedLine[CHUNK];
        volatile int count;
        volatile Chunk next;
    }

    /** The budget every member's bytes count in: the first member's (see {@link #accepts}). */
    private OutputBudget budget;
    private Chunk tail = new Chunk();
    // Bytes appended so far in each format: a member's cursor is behind by the difference. JSON is
    // counted only while someone reads it, which is all a difference needs (see OutputQueue.attach).
    private volatile long textBytes;
    private volatile long jsonBytes;
    private int textReaders;
    private int jsonReaders;
    private long sinceSweep;
    private final ConcurrentLinkedQueue<OutputQueue> waiting = new ConcurrentLinkedQueue<>();

    /**
     * True if {@code queue} may read this log: its owner can be woken, and its bytes count in the
     * budget of the log's first member (in a server, every queue's is the hub's). Holding the room's lock.
     */
    public boolean accepts(OutputQueue queue) {
        if (!queue.readsRoomLogs()) return false;
        if (budget == null) budget = queue.budget();
        return queue.budget() == budget;
    }

    /**
     * Appends a line for every attached member and wakes the queues that had nothing left. Returns
     * true when the log has grown by {@link #SWEEP_BYTES} since the last sweep: the caller then
     * has every member's queue {@link OutputQueue#checkBehind check} how far behind it is. Holding
     * the room's lock.
     */
    public boolean append(RenderedLine line) {
        long text = line.bytes(OutputFormat.TEXT).length;
        long json = jsonReaders > 0 ? line.bytes(OutputFormat.JSON).length : 0;
        if (budget != null) budget.add(text * textReaders + json * jsonReaders);
        textBytes += text;
        jsonBytes += json;
        Chunk t = tail;
        int n = t.count;
        if (n == CHUNK) {
            Chunk c = new Chunk();
            c.lines[0] = line;
            c.count = 1;
            t.next = c;
            tail = c;
        } else {
            t.lines[n] = line;
            t.count = n + 1; // publishes the line, and the byte counts before it
        }
        for (OutputQueue queue; (queue = waiting.poll()) != null; ) {
            queue.logAppended();
        }
        sinceSweep += text;
        if (sinceSweep < SWEEP_BYTES) return false;
        sinceSweep = 0;
        return true;
    }

    /** Where a cursor that starts now starts. Holding the room's lock. */
    Chunk tail() {
        return tail;
    }

    /** Bytes appended so far in {@code format}. */
    long bytes(OutputFormat format) {
        return format == OutputFormat.TEXT ? textBytes : jsonBytes;
    }

    /** A member reading in {@code format} attaches ({@code +1}) or detaches ({@code -1}). Holding the room's lock. */
    void readers(OutputFormat format, int change) {
        if (format == OutputFormat.TEXT) textReaders += change;
        else jsonReaders += change;
    }

    void await(OutputQueue queue) {
        waiting.add(queue);
    }
}
