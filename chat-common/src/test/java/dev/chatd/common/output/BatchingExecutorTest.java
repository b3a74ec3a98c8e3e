package dev.chatd.common.output;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
        BatchingExecutor executor = new BatchingExecutor(parked::add, 2);
        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < 1000; i++) executor.execute(ran::incrementAndGet);
        assertEquals(2, parked.size());
        assertEquals(0, ran.get());
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
}
