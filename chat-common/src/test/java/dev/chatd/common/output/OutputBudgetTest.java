package dev.chatd.common.output;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OutputBudgetTest {

    private final AtomicInteger cuts = new AtomicInteger();

    @Test
    void overTheBudgetReadersWaitUntilHalfOfItIsLeft() {
        OutputBudget budget = new OutputBudget(1000, Duration.ofHours(1), () -> false);
        budget.add(1000);
        assertFalse(budget.exceeded(), "at the budget is not over it");
        budget.add(1);
        assertTrue(budget.exceeded());
        AtomicInteger woken = new AtomicInteger();
        budget.whenCaughtUp(woken::incrementAndGet);
        budget.release(400);
        assertEquals(0, woken.get(), "601 left is more than half");
        budget.release(101);
        assertEquals(1, woken.get(), "500 left: caught up");
        budget.release(100);
        assertEquals(1, woken.get(), "woken once");
    }

    @Test
    void aReaderThatAsksWhenAlreadyCaughtUpGoesOnAtOnce() {
        OutputBudget budget = new OutputBudget(1000, Duration.ofHours(1), () -> false);
        budget.add(2000);
        budget.release(1600);
        AtomicInteger woken = new AtomicInteger();
        budget.whenCaughtUp(woken::incrementAndGet);
        assertEquals(1, woken.get());
    }

    @Test
    void readersWhoAreBehindAreCutOneByOneWhileItStaysOverPastTheStall() {
        OutputBudget budget = new OutputBudget(1000, Duration.ofMillis(50), () -> {
            cuts.incrementAndGet();
            return true; // a reader behind was cut, but it gives back nothing yet
        });
        budget.add(5000);
        assertTrue(budget.exceeded());
        await().atMost(Duration.ofSeconds(10)).until(() -> cuts.get() >= 3);
        budget.release(4600);
        int after = cuts.get();
        await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(10)).until(() -> true);
        assertTrue(cuts.get() <= after + 1, "no more cuts once under half the budget: " + cuts.get() + " after " + after);
    }

    @Test
    void withNobodyBehindNobodyIsCutAndTheWatchStartsAgainLater() {
        AtomicInteger asked = new AtomicInteger();
        OutputBudget budget = new OutputBudget(1000, Duration.ofMillis(20), () -> {
            asked.incrementAndGet();
            return false;
        });
        budget.add(5000);
        assertTrue(budget.exceeded());
        await().atMost(Duration.ofSeconds(10)).until(() -> asked.get() >= 2); // asked again after each stall
    }

    @Test
    void theUnlimitedBudgetCountsNothing() {
        OutputBudget.UNLIMITED.add(Long.MAX_VALUE / 2);
        assertFalse(OutputBudget.UNLIMITED.exceeded());
        assertEquals(0, OutputBudget.UNLIMITED.backlog());
    }

    @Test
    void aQueueTellsTheBudgetInStepsAndGivesEverythingBackWhenRetired() {
        OutputBudget budget = new OutputBudget(1 << 20, Duration.ofHours(1), () -> false);
        OutputQueue queue = new OutputQueue(1 << 20, budget);
        queue.offer(new byte[100]);
        assertEquals(0, budget.backlog(), "under a step: not told yet");
        queue.offer(new byte[(int) OutputQueue.BUDGET_STEP]);
        assertEquals(100 + OutputQueue.BUDGET_STEP, budget.backlog());
        queue.sent(100);
        assertEquals(OutputQueue.BUDGET_STEP, budget.backlog(), "what the kernel took is given back");
        queue.kernelRefused();
        assertEquals(OutputQueue.BUDGET_STEP, budget.backlog(), "a reader behind still counts: its output is memory");
        queue.retire();
        assertEquals(0, budget.backlog());
        queue.offer(new byte[2 * (int) OutputQueue.BUDGET_STEP]);
        assertEquals(0, budget.backlog(), "a retired queue counts nothing more");
    }
}
