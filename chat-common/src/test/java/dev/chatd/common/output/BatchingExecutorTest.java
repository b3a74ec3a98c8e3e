package dev.chatd.common.output;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatchingExecutorTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void aBurstCostsAtMostParallelismHandOffs() {
        List<Runnable> parked = new ArrayList<>();
        AtomicBoolean released = new AtomicBoolean();
        // Parks the runners until released; after that (the passes that follow) the real pool.
        BatchingExecutor executor = new BatchingExecutor(
                runner -> { if (released.get()) pool.execute(runner); else parked.add(runner); }, 2);
        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < 1000; i++) executor.execute(ran::incrementAndGet);
        assertEquals(2, parked.size());
        assertEquals(0, ran.get());
        released.set(true);
        parked.forEach(pool::execute);
        await().atMost(Duration.ofSeconds(10)).until(() -> ran.get() == 1000);
    }

    @Test
    void runsEveryTaskWithAtMostParallelismAtOnce() {
        BatchingExecutor executor = new BatchingExecutor(pool, 2);
        AtomicInteger ran = new AtomicInteger();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        int tasks = 20_000;
        for (int i = 0; i < tasks; i++) {
            executor.execute(() -> {
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                ran.incrementAndGet();
                running.decrementAndGet();
            });
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> ran.get() == tasks);
        assertTrue(mostAtOnce.get() <= 2, "at most 2 runners at once: " + mostAtOnce.get());
    }

    @Test
    void aTaskQueuedAfterTheRunnersStoppedStillRuns() {
        BatchingExecutor executor = new BatchingExecutor(pool, 1);
        AtomicInteger ran = new AtomicInteger();
        for (int round = 1; round <= 100; round++) {
            executor.execute(ran::incrementAndGet);
            int expected = round;
            await().atMost(Duration.ofSeconds(10)).until(() -> ran.get() == expected);
        }
        assertEquals(100, ran.get());
    }

    @Test
    void aRunnerStopsAfterOnePassAndHandsTheRestToLater() {
        List<Runnable> started = new ArrayList<>();
        List<Runnable> continued = new ArrayList<>();
        BatchingExecutor executor = new BatchingExecutor(started::add, 1, BatchingExecutor.PASS, continued::add);
        AtomicInteger ran = new AtomicInteger();
        int tasks = 2 * BatchingExecutor.PASS + 10;
        for (int i = 0; i < tasks; i++) executor.execute(ran::incrementAndGet);
        assertEquals(1, started.size());

        started.remove(0).run();
        assertEquals(BatchingExecutor.PASS, ran.get(), "one pass, then the thread is free again");
        assertEquals(1, continued.size(), "the rest goes on where later runs it");
        assertEquals(0, started.size());

        continued.remove(0).run();
        assertEquals(2 * BatchingExecutor.PASS, ran.get());
        continued.remove(0).run();
        assertEquals(tasks, ran.get());
        assertEquals(0, continued.size(), "a pass that empties the queue hands nothing on");
        assertEquals(0, started.size());

        executor.execute(ran::incrementAndGet); // a new burst starts on the pool again
        assertEquals(1, started.size());
    }

    @Test
    void aPassIsAsLongAsTheExecutorIsTold() {
        List<Runnable> started = new ArrayList<>();
        List<Runnable> continued = new ArrayList<>();
        BatchingExecutor executor = new BatchingExecutor(started::add, 1, 3, continued::add);
        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < 7; i++) executor.execute(ran::incrementAndGet);

        started.remove(0).run();
        assertEquals(3, ran.get());
        continued.remove(0).run();
        assertEquals(6, ran.get());
        continued.remove(0).run();
        assertEquals(7, ran.get());
        assertEquals(0, continued.size());
    }
}
