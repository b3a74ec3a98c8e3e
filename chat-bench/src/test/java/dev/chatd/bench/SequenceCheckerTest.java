package dev.chatd.bench;

import static dev.chatd.bench.SequenceChecker.Outcome.AFTER_GAP;
import static dev.chatd.bench.SequenceChecker.Outcome.IN_ORDER;
import static dev.chatd.bench.SequenceChecker.Outcome.OUT_OF_ORDER;
import static dev.chatd.bench.SequenceChecker.Outcome.UNKNOWN_SENDER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SequenceCheckerTest {

    @Test
    void everyMessageInOrderPerSenderIsClean() {
        SequenceChecker c = new SequenceChecker(2);
        // Senders interleave freely; only each one's own order matters.
        assertEquals(IN_ORDER, c.accept(0, 0));
        assertEquals(IN_ORDER, c.accept(1, 0));
        assertEquals(IN_ORDER, c.accept(1, 1));
        assertEquals(IN_ORDER, c.accept(0, 1));
        assertEquals(0, c.lostGiven(new int[] {2, 2}));
        assertEquals(0, c.outOfOrder());
    }

    @Test
    void aGapCountsTheSkippedMessagesAsLost() {
        SequenceChecker c = new SequenceChecker(1);
        c.accept(0, 0);
        assertEquals(AFTER_GAP, c.accept(0, 3));
        assertEquals(2, c.lastSkipped());
        assertEquals(IN_ORDER, c.accept(0, 4));
        assertEquals(2, c.lostSoFar());
        assertEquals(2, c.lostGiven(new int[] {5}));
    }

    @Test
    void aReorderingIsDetected() {
        SequenceChecker c = new SequenceChecker(1);
        c.accept(0, 0);
        assertEquals(AFTER_GAP, c.accept(0, 2));
        assertEquals(OUT_OF_ORDER, c.accept(0, 1));
        assertEquals(1, c.outOfOrder());
        assertEquals(1, c.lostGiven(new int[] {3}));
    }

    @Test
    void aDuplicateIsOutOfOrder() {
        SequenceChecker c = new SequenceChecker(1);
        c.accept(0, 0);
        assertEquals(OUT_OF_ORDER, c.accept(0, 0));
        assertEquals(1, c.outOfOrder());
    }

    @Test
    void messagesThatNeverCameAreLostAtTheEnd() {
        SequenceChecker c = new SequenceChecker(3);
        c.accept(0, 0);
        c.accept(1, 0);
        assertEquals(1 + 2 + 3, c.lostGiven(new int[] {2, 3, 3}));
        assertEquals(0, c.lostSoFar());
    }

    @Test
    void unknownSendersAreReportedNotCounted() {
        SequenceChecker c = new SequenceChecker(2);
        assertEquals(UNKNOWN_SENDER, c.accept(2, 0));
        assertEquals(UNKNOWN_SENDER, c.accept(-1, 0));
        assertEquals(0, c.lostGiven(new int[] {0, 0}));
    }
}
