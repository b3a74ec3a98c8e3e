package dev.chatd.common.output;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs many small tasks on a pool with few hand-offs: tasks wait in a lock-free queue and at most
 * {@code parallelism} runner tasks, each submitted to the pool once, run them until it is empty.
 *
 * <p>Why: a broadcast to a room of N members asks for up to N drains of output queues from under
 * the room's lock. Handing each to a {@code ThreadPoolExecutor} costs a lock and a thread wake-up
 * per member, and handing each to a Netty event loop an atomic wake-up check on a line the loop
 * itself writes; at 10,000 members that was most of the servers' time. Here a member costs one
 * queue append, a burst at most {@code parallelism} hand-offs. With {@code parallelism} 1 tasks
 * run in the order submitted, on the pool's thread (a Netty event loop stays the only thread that
 * touches its channels); with more they may run side by side.
 *
 * <p>A runner runs at most a pass of tasks ({@link #PASS} unless told), then hands its rest to
 * {@code later} and stops. Why: other threads keep queueing while it runs (every broadcast of
 * another event loop queues a drain per member here), so "until the queue is empty" can mean for
 * as long as the others are busy, and all that time the thread does nothing else. On a Netty
 * event loop that is its own channels' reads, so its users' lines wait; Netty bounds its own task
 * phase only at a second. For an event loop, {@code later} should run the rest after the loop's
 * next I/O (a task scheduled with no delay: Netty takes those in only at the start of a task
 * phase), and may wait a little first so that the rest take more lines per write (the callback
 * server's {@code LoopDrains} says how long, and why).
 */
public final class BatchingExecutor implements Executor {

    /**
     * Most tasks one runner runs before it hands the rest on, unless the constructor is told
     * otherwise: at a few microseconds per drain (one socket write each), about a millisecond of
     * work, so I/O gets a turn at least that often.
     */
    public static final int PASS = 256;

    private final Executor pool;
    private final Executor later;
    private final int parallelism;
    private final int pass;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger runners = new AtomicInteger();
    private final Runnable runner = this::runTasks;

    /**
     * @param pool        where the runners run
     * @param parallelism most runners at once; the pool's thread count is the useful maximum
     *                    (a runner's rest after a full pass goes back to {@code pool})
     */
    public BatchingExecutor(Executor pool, int parallelism) {
        this(pool, parallelism, PASS, pool);
    }

    /**
     * @param pool        where the runners run
     * @param parallelism most runners at once; the pool's thread count is the useful maximum
     * @param pass        most tasks a runner runs before it goes on in {@code later}
     * @param later       where a runner that has run a full pass goes on with the rest
     */
    public BatchingExecutor(Executor pool, int parallelism, int pass, Executor later) {
        this.pool = pool;
        this.later = later;
        this.parallelism = Math.max(1, parallelism);
        this.pass = Math.max(1, pass);
    }

    @Override
    public void execute(Runnable task) {
        tasks.offer(task);
        startRunnerIfNeeded();
    }

    private void startRunnerIfNeeded() {
        startRunnerIfNeeded(pool);
    }

    private void startRunnerIfNeeded(Executor where) {
        for (int n = runners.get(); n < parallelism; n = runners.get()) {
            if (runners.compareAndSet(n, n + 1)) {
                try {
                    where.execute(runner);
                } catch (RuntimeException e) { // e.g. rejected: the pool has shut down
                    runners.decrementAndGet();
                    throw e;
                }
                return;
            }
        }
    }

    private void runTasks() {
        int ran = 0;
        try {
            for (Runnable task; ran < pass && (task = tasks.poll()) != null; ran++) {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    Thread t = Thread.currentThread();
                    t.getUncaughtExceptionHandler().uncaughtException(t, e);
                }
            }
        } finally {
            runners.decrementAndGet();
        }
        // A full pass left tasks behind; and a task queued after our last poll may have seen
        // every runner busy and started none.
        if (!tasks.isEmpty()) {
            try {
                startRunnerIfNeeded(ran == pass ? later : pool);
            } catch (RuntimeException e) {
                // the pool has shut down: nothing is left to flush
            }
        }
    }
}
