package dev.chatd.common.closing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatd.common.room.LeaveReason;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CloseReasonTest {

    @Test
    void theFirstReasonRecordedWins() {
        CloseReason reason = new CloseReason();
        assertFalse(reason.isRecorded());
        assertEquals(LeaveReason.CONNECTION_CLOSED, reason.orElse(LeaveReason.CONNECTION_CLOSED));
        assertTrue(reason.record(LeaveReason.TOO_SLOW));
        assertFalse(reason.record(LeaveReason.SHUTDOWN));
        assertEquals(Failure.PEER_GONE, reason.recordFailure(new IOException("Connection reset by peer")));
        assertEquals(LeaveReason.TOO_SLOW, reason.orElse(LeaveReason.CONNECTION_CLOSED));
    }

    @Test
    void aFailureRecordsWhatItMeans() {
        CloseReason reason = new CloseReason();
        assertEquals(Failure.IO_ERROR, reason.recordFailure(new IOException("Connection timed out")));
        assertEquals(LeaveReason.ERROR, reason.orElse(LeaveReason.CONNECTION_CLOSED));
    }

    @Test
    void exactlyOneOfManyThreadsRecords() throws InterruptedException {
        CloseReason reason = new CloseReason();
        AtomicInteger winners = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (LeaveReason each : LeaveReason.values()) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                if (reason.record(each)) {
                    winners.incrementAndGet();
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(1, winners.get());
        assertTrue(reason.isRecorded());
    }
}
