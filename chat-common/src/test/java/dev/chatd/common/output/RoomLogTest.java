package dev.chatd.common.output;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatd.common.render.OutputFormat;
import dev.chatd.common.render.RenderedLine;
import dev.chatd.common.render.Renderer;
import dev.chatd.common.render.ServerLine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoomLogTest {

    private final Renderer renderer = new Renderer();
    private final RoomLog log = new RoomLog();
    private final OutputBudget budget = new OutputBudget(1L << 40, Duration.ofHours(1), () -> false);

    /** A queue's owner that counts what the queue asks of it. */
    private static final class Owner implements OutputQueue.Owner {
        int wakes;
        int overflows;

        @Override
        public void wake() {
            wakes++;
        }

        @Override
        public void overflowed() {
            overflows++;
        }
    }

    private OutputQueue member(Owner owner, long limit) {
        OutputQueue queue = new OutputQueue(limit, budget);
        queue.ownedBy(owner);
        assertTrue(log.accepts(queue));
        queue.attach(log, OutputFormat.TEXT);
        return queue;
    }

    private RenderedLine room(String text) {
        return new RenderedLine(new ServerLine.Info(text), renderer);
    }

    private static byte[] bytes(String text) {
        return (text + "\r\n").getBytes(UTF_8);
    }

    /** Everything queued, as the writer would take it. */
    private static String drain(OutputQueue queue) {
        StringBuilder out = new StringBuilder();
        for (int size; (size = queue.nextBatch(Integer.MAX_VALUE)) > 0; ) {
            byte[] batch = queue.takeBatch();
            out.append(new String(batch, UTF_8));
            queue.sent(size);
            queue.kernelTookAll();
        }
        return out.toString();
    }

    @Test
    void everyMemberGetsTheRoomsLinesWithItsOwnLinesInTheirPlace() {
        Owner a = new Owner();
        Owner b = new Owner();
        OutputQueue alice = member(a, 1 << 20);
        OutputQueue bob = member(b, 1 << 20);
        log.append(room("one"));
        assertTrue(alice.offer(bytes("to alice")));
        log.append(room("two"));
        assertEquals("* one\r\nto alice\r\n* two\r\n", drain(alice));
        assertEquals("* one\r\n* two\r\n", drain(bob));
        assertTrue(alice.isEmpty());
        assertEquals(0, budget.backlog(), "every line counted once per member, and given back once sent");
    }

    @Test
    void aQueueWithNothingLeftIsWokenOnceByTheNextLineAndABusyOneNotAtAll() {
        Owner idle = new Owner();
        Owner busy = new Owner();
        OutputQueue waiting = member(idle, 1 << 20);
        OutputQueue writing = member(busy, 1 << 20);
        assertTrue(writing.claimDrain()); // its writer holds the role: it takes the lines itself
        log.append(room("one"));
        log.append(room("two"));
        assertEquals(1, idle.wakes);
        assertEquals(0, busy.wakes, "its writer holds the role: the claim fails, so no second drain");
        assertFalse(writing.claimDrain());
        assertEquals("* one\r\n* two\r\n", drain(writing));
        waiting.releaseDrain(); // the woken writer had the role; done, it waits again
        log.append(room("three"));
        assertEquals(2, idle.wakes);
    }

    @Test
    void aMemberWhoLeavesKeepsTheLinesBeforeAndNoneAfter() {
        Owner owner = new Owner();
        OutputQueue leaver = member(owner, 1 << 20);
        log.append(room("before"));
        leaver.detach();
        log.append(room("after"));
        assertEquals("* before\r\n", drain(leaver));
        assertEquals(0, budget.backlog());
    }

    @Test
    void aFormatSwitchTakesEffectAtItsPlace() {
        Owner owner = new Owner();
        OutputQueue queue = member(owner, 1 << 20);
        log.append(room("old"));
        queue.switchLogFormat(OutputFormat.JSON);
        log.append(room("new"));
        String out = drain(queue);
        assertTrue(out.startsWith("* old\r\n{"), out);
        assertTrue(out.contains("\"new\""), out);
        assertEquals(0, budget.backlog());
    }

    @Test
    void aClosedMembersLinesAreGivenBackToTheBudgetWhenItLeaves() {
        Owner owner = new Owner();
        OutputQueue gone = member(owner, 1 << 20);
        log.append(room("one"));
        gone.retire();
        log.append(room("two"));
        assertTrue(budget.backlog() > 0);
        gone.detach();
        assertEquals(0, budget.backlog());
    }

    @Test
    void aMemberWhoseKernelRefusesAndIsPastItsLimitIsFoundBySweepAndCutOnce() {
        Owner slowOwner = new Owner();
        Owner fastOwner = new Owner();
        OutputQueue slow = member(slowOwner, 1000);
        OutputQueue fast = member(fastOwner, 1000);
        slow.kernelRefused(); // its writer's last write was taken only in part
        List<Boolean> sweeps = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            sweeps.add(log.append(room("line " + i + " " + "x".repeat(100))));
            if (sweeps.get(i)) {
                slow.checkBehind();
                fast.checkBehind();
            }
            if (i % 10 == 0) drain(fast);
        }
        assertTrue(sweeps.contains(true), "the log asks for a sweep as it grows");
        assertEquals(1, slowOwner.overflows);
        assertTrue(slow.overflowed());
        assertEquals(0, fastOwner.overflows, "a member whose kernel takes everything is not cut");
        assertFalse(slow.offer(bytes("more")), "an overflowed queue takes nothing more");
    }
}
