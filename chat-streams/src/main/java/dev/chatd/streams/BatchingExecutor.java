package dev.chatd.streams;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs many small tasks on a pool with few hand-offs: tasks wait in a lock-free queue and at most
 * {@code parallelism} runner tasks, each submitted to the pool once, run them until it is empty.
 *
 * <p>Why: a broadcast to a room of N members asks for up to N flushes from under the room's lock.
 * Handing each to a {@code ThreadPoolExecutor} costs a lock and a thread wake-up per member, which
 * at 10,000 members is most of the server's time; here it costs one queue append per member and
 * at most {@code parallelism} hand-offs per burst. Tasks still run in the order they were
 * submitted as far as one runner goes; with several runners they may run side by side, which is
 * fine for flushes (each writer allows one writer at a time itself).
 */
final class BatchingExecutor implements Executor {

    private final Executor pool;
    private final int parallelism;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger runners = new AtomicInteger();
    private final Runnable runner = this::runTasks;

    /**
     * @param pool        where the runners run
     * @param parallelism most runners at once; the pool's thread count is the useful maximum
     */
    BatchingExecutor(Executor pool, int parallelism) {
        this.pool = pool;
        this.parallelism = Math.max(1, parallelism);
    }

    @Override
    public void execute(Runnable task) {
        tasks.offer(task);
        startRunnerIfNeeded();
    }

    private void startRunnerIfNeeded() {
        for (int n = runners.get(); n < parallelism; n = runners.get()) {
            if (runners.compareAndSet(n, n + 1)) {
                try {
                    pool.execute(runner);
                } catch (RuntimeException e) { // e.g. rejected: the pool has shut down
                    runners.decrementAndGet();
                    throw e;
                }
                return;
            }
        }
    }

    private void runTasks() {
        try {
            for (Runnable task; (task = tasks.poll()) != null; ) {
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
        // A task queued after our last poll may have seen every runner busy and started none.
        if (!tasks.isEmpty()) {
            try {
                startRunnerIfNeeded();
            } catch (RuntimeException e) {
                // the pool has shut down: nothing is left to flush
            }
        }
    }
}
