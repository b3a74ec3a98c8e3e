package dev.chatd.common.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
            for (int i = 0; i < round * 3; i++) assertEquals(next + i, number(queue.poll()));
            next += round * 3;
            assertNull(queue.poll());
            assertTrue(queue.isEmpty());
        }
    }

    @Test
    void offersWhileDrainingFollowTheBacklog() {
        OutputQueue queue = new OutputQueue(1 << 20);
        for (int i = 0; i < 20; i++) queue.offer(line(i));
        assertEquals(0, number(queue.poll()));
        for (int i = 20; i < 40; i++) queue.offer(line(i));
        assertFalse(queue.isEmpty());
        for (int i = 1; i < 40; i++) assertEquals(i, number(queue.poll()));
        assertNull(queue.poll());
    }

    @Test
    void overflowRefusesThatLineAndEveryLaterOne() {
        OutputQueue queue = new OutputQueue(10);
        assertTrue(queue.offer(new byte[6]));
        assertFalse(queue.offer(new byte[5]));
        assertTrue(queue.overflowed());
        assertFalse(queue.offer(new byte[1]));
        assertEquals(6, queue.pendingBytes());
        assertEquals(6, queue.poll().length);
        assertNull(queue.poll());
        queue.sent(6);
        assertEquals(0, queue.pendingBytes());
    }

    @Test
    void oneDrainIsClaimedPerBurst() {
        OutputQueue queue = new OutputQueue(100);
        assertTrue(queue.claimDrain());
        assertFalse(queue.claimDrain());
        queue.drainStarted();
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
                byte[] line = queue.poll(); // polled while the producers are still offering
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
        assertNull(queue.poll());
        assertEquals((long) producers * perProducer * 4, queue.pendingBytes());
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
        assertArrayEquals(new byte[] {1}, queue.poll());
        assertArrayEquals(new byte[] {2}, queue.poll());
        assertNull(queue.poll());
        assertFalse(queue.overflowed());
        assertEquals(2, queue.pendingBytes(), "what is dropped is not counted");
    }

    @Test
    void aLastLineWithNoRoomIsAnOverflow() {
        OutputQueue queue = new OutputQueue(3);
        assertTrue(queue.offer(new byte[] {1, 2}));
        assertFalse(queue.offerLast(new byte[] {3, 4}));
        assertTrue(queue.overflowed());
    }
}
