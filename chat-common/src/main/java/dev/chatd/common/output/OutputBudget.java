package dev.chatd.common.output;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The one bound on the server's unsent output as a whole, as both servers keep it: every
 * connection's unsent bytes count here (from {@link OutputQueue#offer} until the kernel takes
 * them), and while the total is over the budget no connection's input is read until it is back
 * under half the budget; if it stays over for {@link #stall}, the readers who are behind are cut
 * as too slow, the largest backlog first, until it is under.
 *
 * <p>Why: every input line can fan out to every member of a room, so a server that reads faster
 * than its readers take output piles it up, and the per-connection output limit does not bound
 * the pile: 10,000 members may each hold up to their limit. A storm of 10,000 logins at 2,000 a
 * second (each login a line to everyone, and the whole users line to the newcomer) took the
 * callback server past its 384 MiB heap while it had half the machine: 178 MB of users lines and
 * 58 MB of queue arrays waiting to be written. Not reading is the backpressure TCP already has:
 * the kernel's receive buffers hold what waits, nothing is lost, nobody is cut, and the pause ends
 * as soon as the readers have taken their output. Readers who take nothing at all would keep the
 * pause on for everyone, so after the stall they go, as one too slow reader goes at its own limit.
 *
 * <p>A line shared by many members counts once for each: more than its memory (one reference
 * each), so the budget errs on the safe side.
 *
 * <p>Thread-safe: queues add and release from any thread; readers ask {@link #exceeded} before
 * each line and, when it is, wait with {@link #whenCaughtUp}.
 */
public final class OutputBudget {

    /** What cuts readers who are behind when the budget has been over for the stall: the hub's walk of its connections. */
    @FunctionalInterface
    public interface Shedder {
        /**
         * Cuts as too slow the reader who is behind (its kernel refuses output) with the most unsent
         * output; false if no reader is behind.
         */
        boolean cutLargestBehind();
    }

    /** No budget: nothing is counted and input never waits. */
    public static final OutputBudget UNLIMITED = new OutputBudget(Long.MAX_VALUE, Duration.ZERO, () -> false);

    /** How often, once the stall has passed, one more reader who is behind is cut. */
    private static final Duration SHED_EVERY = Duration.ofMillis(50);

    private final long limit;
    private final long resume;
    private final Duration stall;
    private final Shedder shedder;
    private final LongAdder counted = new LongAdder();
    private final ConcurrentLinkedQueue<Runnable> waiting = new ConcurrentLinkedQueue<>();
    /** Readers are waiting: releases then look at the total. Read first, so a release is cheap otherwise. */
    private volatile boolean anyWaiting;
    private final AtomicBoolean watching = new AtomicBoolean();

    /**
     * @param limitBytes past this total, input pauses; it resumes at half of it
     * @param stall      how long the total may stay over before readers who are behind are cut
     * @param shedder    cuts them
     */
    public OutputBudget(long limitBytes, Duration stall, Shedder shedder) {
        if (limitBytes < 1) throw new IllegalArgumentException("output budget must be at least 1 byte: " + limitBytes);
        this.limit = limitBytes;
        this.resume = limitBytes / 2;
        this.stall = stall;
        this.shedder = shedder;
    }

    /** The budget in bytes. */
    public long limit() {
        return limit;
    }

    /** Unsent bytes counted now, over every connection. */
    public long backlog() {
        return counted.sum();
    }

    /** True while the total is over the budget: read no more input for now. */
    public boolean exceeded() {
        if (limit == Long.MAX_VALUE || counted.sum() <= limit) return false;
        if (watching.compareAndSet(false, true)) later(stall, this::watch);
        return true;
    }

    /**
     * Runs {@code resume} once the total is back under half the budget: at once, on this thread,
     * if it is already; else on the thread whose write brought it there, so {@code resume} must
     * only hand over to the reader's own thread (an event loop, an executor), never block.
     */
    public void whenCaughtUp(Runnable resume) {
        waiting.add(resume);
        anyWaiting = true;
        // A release between our look and the add above may have found nobody waiting: look again.
        if (counted.sum() <= this.resume) wakeAll();
    }

    void add(long bytes) {
        if (limit != Long.MAX_VALUE) counted.add(bytes);
    }

    void release(long bytes) {
        if (limit == Long.MAX_VALUE || bytes == 0) return;
        counted.add(-bytes);
        if (anyWaiting && counted.sum() <= resume) wakeAll();
    }

    private void wakeAll() {
        anyWaiting = false;
        for (Runnable r; (r = waiting.poll()) != null; ) r.run();
        // One added after the flag was cleared and before our last poll has run above; one added
        // after that set the flag again and looks at the total itself.
    }

    /** The stall has passed since the total was found over: while it still is, cut one reader who is behind at a time. */
    private void watch() {
        if (counted.sum() > resume && shedder.cutLargestBehind()) {
            later(SHED_EVERY, this::watch);
            return;
        }
        watching.set(false);
        // Over again since, and the reader who found it so saw the watch still on: start it again.
        if (counted.sum() > limit && watching.compareAndSet(false, true)) later(stall, this::watch);
    }

    private static void later(Duration delay, Runnable task) {
        Executor after = CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS);
        after.execute(task);
    }
}
