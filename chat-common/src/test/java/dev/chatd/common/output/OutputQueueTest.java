package dev.chatd.common.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class OutputQueueTest {

    @Test
    void linesComeOutInOrderAcrossManyBacklogs() {
        OutputQueue queue = new OutputQueue(1 << 20);
        int next = 0;
        for (int round = 1; round <= 50; round++) {
            for (int i = 0; i < round * 3; i++) assertTrue(queue.offer(line(next + i)));
            for (int i = 0; i < round * 3; i++) assertEquals(next + i, number(poll(queue)));
            next += round * 3;
            assertNull(poll(queue));
            assertTrue(queue.isEmpty());
        }
    }

    @Test
    void offersWhileDrainingFollowTheBacklog() {
        OutputQueue queue = new OutputQueue(1 << 20);
        for (int i = 0; i < 20; i++) queue.offer(line(i));
        assertEquals(0, number(poll(queue)));
        for (int i = 20; i < 40; i++) queue.offer(line(i));
        assertFalse(queue.isEmpty());
        for (int i = 1; i < 40; i++) assertEquals(i, number(poll(queue)));
        assertNull(poll(queue));
    }

    @Test
    void pastTheLimitALineIsQueuedWhileTheKernelKeepsUp() {
        OutputQueue queue = new OutputQueue(10);
        assertTrue(queue.offer(new byte[6]));
        assertTrue(queue.offer(new byte[5]), "11 unsent, but nothing says the reader is behind");
        assertTrue(queue.overLimit());
        assertFalse(queue.overflowed());
    }

    @Test
    void theKernelRefusingWithMoreThanTheLimitUnsentIsTooSlow() {
        OutputQueue queue = new OutputQueue(10);
        queue.offer(new byte[6]);
        queue.offer(new byte[5]);
        assertTrue(queue.kernelRefused(), "11 unsent and the kernel takes no more");
        assertTrue(queue.overflowed());
        assertFalse(queue.kernelRefused(), "reported once");
        assertFalse(queue.offer(new byte[1]), "nothing is queued after the overflow");
        assertEquals(11, queue.pendingBytes());
    }

    @Test
    void whileTheKernelRefusesAnOfferPastTheLimitOverflowsAndEveryLaterOneFails() {
        OutputQueue queue = new OutputQueue(10);
        assertFalse(queue.kernelRefused(), "nothing unsent yet: full, but not too slow");
        assertTrue(queue.offer(new byte[6]));
        assertFalse(queue.offer(new byte[5]));
        assertTrue(queue.overflowed());
        assertFalse(queue.offer(new byte[1]));
        assertEquals(6, queue.pendingBytes());
        assertEquals(6, poll(queue).length);
        assertNull(poll(queue));
        queue.sent(6);
        assertEquals(0, queue.pendingBytes());
    }

    @Test
    void theKernelCatchingUpLiftsTheStrictLimitAgain() {
        OutputQueue queue = new OutputQueue(10);
        queue.kernelRefused();
        queue.kernelTookAll();
        assertTrue(queue.offer(new byte[6]));
        assertTrue(queue.offer(new byte[5]));
    }

    @Test
    void theLimitPlusTheAllowanceIsTheBoundWhateverTheKernelDoes() {
        OutputQueue queue = new OutputQueue(10);
        int half = (int) (OutputQueue.BACKLOG_ALLOWANCE / 2);
        assertTrue(queue.offer(new byte[half]));
        assertTrue(queue.offer(new byte[half]));
        assertTrue(queue.offer(new byte[10]), "exactly the bound");
        assertFalse(queue.offer(new byte[1]), "one byte past the limit plus the allowance");
        assertTrue(queue.overflowed());
        assertEquals(OutputQueue.BACKLOG_ALLOWANCE + 10, queue.pendingBytes());
    }

    @Test
    void aBatchTakesLinesInOrderUpToItsCapAndAlwaysAtLeastOne() {
        OutputQueue queue = new OutputQueue(1 << 20);
        queue.offer(bytes("aaaa"));
        queue.offer(bytes("bbbb"));
        queue.offer(bytes("cccc"));
        queue.offer(bytes("x".repeat(20)));
        queue.offer(bytes("dd"));
        assertEquals(8, queue.nextBatch(10), "two lines fit in 10 bytes, three do not");
        assertEquals("aaaa", new String(queue.takeBatchLine(), StandardCharsets.US_ASCII));
        assertEquals("bbbb", new String(queue.takeBatchLine(), StandardCharsets.US_ASCII));
        assertNull(queue.takeBatchLine(), "the batch ends where it was sized");
        assertEquals(4, queue.nextBatch(10));
        assertEquals("cccc", new String(queue.takeBatch(), StandardCharsets.US_ASCII));
        assertEquals(20, queue.nextBatch(10), "a line longer than the cap is a batch of its own");
        assertEquals(20, queue.takeBatch().length);
        assertEquals(2, queue.nextBatch(10));
        assertEquals("dd", new String(queue.takeBatch(), StandardCharsets.US_ASCII));
        assertEquals(0, queue.nextBatch(10));
        assertEquals(34, queue.offeredBytes());
    }

    @Test
    void aBatchAsOneArrayHoldsItsLinesInOrder() {
        OutputQueue queue = new OutputQueue(1 << 20);
        queue.offer(bytes("one "));
        queue.offer(bytes("two "));
        queue.offer(bytes("three"));
        assertEquals(13, queue.nextBatch(100));
        assertEquals("one two three", new String(queue.takeBatch(), StandardCharsets.US_ASCII));
    }

    @Test
    void aBatchOfOneLineIsThatLineUncopied() {
        OutputQueue queue = new OutputQueue(1 << 20);
        byte[] line = bytes("only");
        queue.offer(line);
        assertEquals(4, queue.nextBatch(OutputQueue.MAX_BATCH_BYTES));
        assertSame(line, queue.takeBatch());
    }

    @Test
    void aBatchNeverSpansTwoBacklogsButLosesNothingBetweenThem() {
        OutputQueue queue = new OutputQueue(1 << 20);
        queue.offer(bytes("one"));
        assertEquals(3, queue.nextBatch(100));
        queue.offer(bytes("two")); // after the writer took its backlog
        assertEquals("one", new String(queue.takeBatch(), StandardCharsets.US_ASCII));
        assertEquals(3, queue.nextBatch(100));
        assertEquals("two", new String(queue.takeBatch(), StandardCharsets.US_ASCII));
    }

    @Test
    void discardingDropsEverythingAndItsCount() {
        OutputQueue queue = new OutputQueue(1 << 20);
        for (int i = 0; i < 10; i++) queue.offer(new byte[100]);
        assertEquals(1000, queue.discardAll());
        assertEquals(0, queue.pendingBytes());
        assertTrue(queue.isEmpty());
        assertEquals(0, queue.nextBatch(100));
    }

    @Test
    void oneDrainIsClaimedPerBurst() {
        OutputQueue queue = new OutputQueue(100);
        assertTrue(queue.claimDrain());
        assertFalse(queue.claimDrain());
        queue.releaseDrain();
        assertTrue(queue.claimDrain());
    }

    @Test
    void concurrentProducersKeepTheirOwnOrderAndLoseNothing() throws InterruptedException {
        OutputQueue queue = new OutputQueue(Long.MAX_VALUE);
        int producers = 4;
        int perProducer = 50_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            Thread t = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perProducer; i++) queue.offer(line(producer * perProducer + i));
            });
            t.start();
            threads.add(t);
        }
        start.countDown();
        int[] lastSeen = new int[producers];
        Arrays.fill(lastSeen, -1);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            int received = 0;
            while (received < producers * perProducer) {
                byte[] line = poll(queue); // polled while the producers are still offering
                if (line == null) {
                    Thread.onSpinWait();
                    continue;
                }
                int n = number(line);
                int producer = n / perProducer;
                assertTrue(n % perProducer > lastSeen[producer], "in order per producer");
                lastSeen[producer] = n % perProducer;
                received++;
            }
        });
        for (Thread t : threads) t.join();
        assertNull(poll(queue));
        assertEquals((long) producers * perProducer * 4, queue.pendingBytes());
    }

    /** One line, through the batching routine: a batch of at most one byte is one line. */
    private static byte[] poll(OutputQueue queue) {
        return queue.nextBatch(1) == 0 ? null : queue.takeBatch();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] line(int n) {
        return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    }

    private static int number(byte[] line) {
        return (line[0] & 0xff) << 24 | (line[1] & 0xff) << 16 | (line[2] & 0xff) << 8 | (line[3] & 0xff);
    }

    @Test
    void theLastLineIsLastAndLaterOffersAreDroppedWithoutOverflow() {
        OutputQueue queue = new OutputQueue(100);
        assertTrue(queue.offer(new byte[] {1}));
        assertTrue(queue.offerLast(new byte[] {2}));
        assertTrue(queue.offer(new byte[] {3}), "dropped, but no overflow: the connection is not too slow");
        assertTrue(queue.offerLast(new byte[] {4}), "a second last line is dropped too");
        assertEquals(2, queue.nextBatch(100));
        assertArrayEquals(new byte[] {1, 2}, queue.takeBatch());
        assertEquals(0, queue.nextBatch(100), "nothing after the last line");
        assertFalse(queue.overflowed());
        assertEquals(2, queue.pendingBytes(), "what is dropped is not counted");
    }

    @Test
    void aLastLineWithNoRoomIsAnOverflow() {
        OutputQueue queue = new OutputQueue(3);
        assertTrue(queue.offer(new byte[] {1, 2}));
        queue.kernelRefused(); // the kernel refuses more: past the limit now is too slow
        assertFalse(queue.offerLast(new byte[] {3, 4}));
        assertTrue(queue.overflowed());
    }
}
