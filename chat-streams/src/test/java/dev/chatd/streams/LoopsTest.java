package dev.chatd.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoopsTest {

    @Test
    void aMillionAlreadyCompleteStepsRunWithoutGrowingTheStack() {
        int[] i = {0};
        CompletableFuture<Integer> done = Loops.loop(() -> CompletableFuture.completedFuture(
                ++i[0] == 1_000_000 ? Optional.of(i[0]) : Optional.empty()));
        assertEquals(1_000_000, done.join());
    }

    @Test
    void pendingStepsResumeTheLoopInOrder() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Integer> seen = new ArrayList<>();
            int[] i = {0};
            CompletableFuture<List<Integer>> done = Loops.loop(() -> {
                int step = i[0]++;
                // Alternate pending and complete steps, so both paths and the race between them run.
                CompletableFuture<Integer> value = step % 2 == 0
                        ? CompletableFuture.supplyAsync(() -> step, pool)
                        : CompletableFuture.completedFuture(step);
                return value.thenApply(v -> {
                    seen.add(v);
                    return v == 9_999 ? Optional.of(seen) : Optional.empty();
                });
            });
            List<Integer> result = done.get(30, TimeUnit.SECONDS);
            assertEquals(10_000, result.size());
            for (int k = 0; k < result.size(); k++) {
                assertEquals(k, result.get(k));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedStepFailsTheLoopWithItsCause() {
        IllegalStateException boom = new IllegalStateException("boom");
        int[] i = {0};
        CompletableFuture<String> done = Loops.loop(() -> ++i[0] < 3
                ? CompletableFuture.completedFuture(Optional.empty())
                : CompletableFuture.failedFuture(boom));
        ExecutionException failure = assertThrows(ExecutionException.class, done::get);
        assertSame(boom, failure.getCause());
        assertEquals(3, i[0]);
    }

    @Test
    void aBodyThatThrowsFailsTheLoop() {
        CompletableFuture<String> done = Loops.loop(() -> {
            throw new IllegalArgumentException("bad");
        });
        ExecutionException failure = assertThrows(ExecutionException.class, done::get);
        assertEquals("bad", failure.getCause().getMessage());
    }
}
