package dev.chatd.common.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A user's own events in a cluster: room events come back in the order sent, a {@code /msg}'s
 * answer on its own. The answer must not count for the room events before it (the soak's lost own
 * lines: a {@code /msg} let a {@code /join} or {@code /quit} stop waiting for them), and a room
 * event must not count for a {@code /msg} before it whose answer has not come.
 */
class OwnLinesTest {

    private final OwnLines own = new OwnLines(Integer.MAX_VALUE);
    private final List<String> out = new ArrayList<>();

    @Test
    void aMsgAnsweredBeforeTheEarlierLinesCameBackWaitsForThem() {
        long line1 = own.expect();
        long line2 = own.expect();
        long msg = own.expectAnswer();
        own.send(() -> out.add("who"));
        own.arrived(msg, () -> out.add("echo"));
        assertEquals(List.of(), out, "the echo and the /who wait for the lines before them");
        own.arrived(line1);
        assertEquals(List.of(), out);
        own.arrived(line2);
        assertEquals(List.of("echo", "who"), out);
        assertTrue(own.allBack(), "nothing is on its way any more");
        assertTrue(own.whenAllBack(60_000).isDone());
    }

    @Test
    void aLeaveStillWaitsForTheLinesBeforeAMsgThatWasAnswered() throws Exception {
        own.expect();
        long msg = own.expectAnswer();
        own.arrived(msg, () -> out.add("echo"));
        assertFalse(own.allBack(), "the line is still on its way: a leave must wait for it");
        assertFalse(own.whenAllBack(60_000).isDone());
    }

    @Test
    void aLineThatCameBackDoesNotCountForAnEarlierMsgStillUnanswered() {
        long msg = own.expectAnswer();
        long line = own.expect();
        own.send(() -> out.add("who"));
        own.arrived(line);
        assertEquals(List.of(), out, "the /who waits for the /msg's echo");
        own.arrived(msg, () -> out.add("echo"));
        assertEquals(List.of("echo", "who"), out);
        assertTrue(own.allBack());
    }

    @Test
    void withNothingElseOnItsWayAMsgsEchoGoesOutAtOnce() {
        long msg = own.expectAnswer();
        own.arrived(msg, () -> out.add("echo"));
        own.send(() -> out.add("who"));
        assertEquals(List.of("echo", "who"), out);
    }

    @Test
    void aLeaveThatGaveUpWaitingLetsEverythingOutAndLateAnswersStillGoOut() throws Exception {
        own.expect();
        long msg = own.expectAnswer();
        own.send(() -> out.add("who"));
        own.whenAllBack(1).get(10, TimeUnit.SECONDS); // gives up after 1 ms
        assertEquals(List.of("who"), out);
        own.arrived(msg, () -> out.add("late echo"));
        assertEquals(List.of("who", "late echo"), out);
        own.send(() -> out.add("after"));
        assertEquals(List.of("who", "late echo", "after"), out);
    }

    @Test
    void theReaderWaitsAtTheBoundUntilAnEventComesBack() {
        OwnLines bounded = new OwnLines(2);
        long first = bounded.expect();
        assertTrue(bounded.underBound());
        bounded.expect();
        assertFalse(bounded.underBound(), "two in flight, bound 2");
        var ready = bounded.whenUnderBound();
        assertFalse(ready.isDone());
        bounded.arrived(first);
        assertTrue(ready.isDone(), "one came back: one in flight");
        assertTrue(bounded.underBound());
        assertTrue(bounded.whenUnderBound().isDone());
    }

    @Test
    void eventsTheStoreLostAreTakenAsArrived() {
        OwnLines bounded = new OwnLines(2);
        bounded.expect();
        long msg = bounded.expectAnswer();
        bounded.send(() -> out.add("who"));
        var ready = bounded.whenUnderBound();
        assertFalse(ready.isDone());
        assertEquals(List.of(), out);
        bounded.allLost(); // a Redis restarted empty: neither will ever come back
        assertEquals(List.of("who"), out, "what waited for them goes out");
        assertTrue(ready.isDone(), "the reader goes on");
        assertTrue(bounded.underBound());
        bounded.arrived(msg, () -> out.add("late echo")); // one that came after all is still said
        bounded.send(() -> out.add("after"));
        assertEquals(List.of("who", "late echo", "after"), out);
    }

    @Test
    void anUnansweredMsgCountsAsInFlightUntilItsAnswerComes() {
        OwnLines bounded = new OwnLines(1);
        long msg = bounded.expectAnswer();
        var ready = bounded.whenUnderBound();
        assertFalse(ready.isDone());
        bounded.arrived(msg, () -> out.add("echo"));
        assertTrue(ready.isDone());
        assertEquals(List.of("echo"), out);
    }

    @Test
    void aReleasedOrTimedOutWaitGoesOnWhateverIsInFlight() throws Exception {
        OwnLines bounded = new OwnLines(1);
        bounded.expect();
        var released = bounded.whenUnderBound();
        bounded.release();
        assertTrue(released.isDone(), "the link went down");
        var timedOut = bounded.whenUnderBound();
        assertFalse(timedOut.isDone(), "still one in flight");
        bounded.whenAllBack(1).get(10, TimeUnit.SECONDS);
        assertTrue(timedOut.isDone(), "a leave that gave up waiting takes everything as arrived");
    }

    @Test
    void aLeaveWaitsUntilEverythingCameBackAndWhatWaitedWasSent() {
        long line1 = own.expect();
        long line2 = own.expect();
        own.send(() -> out.add("who"));
        var settled = own.whenAllBack(60_000);
        own.arrived(line1);
        assertFalse(settled.isDone(), "one still on its way");
        own.arrived(line2);
        assertTrue(settled.isDone());
        assertEquals(List.of("who"), out, "sent before the leave goes on");
    }

    @Test
    void aLeaveWaitingWhenTheLinkGoesDownGoesOn() {
        own.expect();
        var settled = own.whenAllBack(60_000);
        assertFalse(settled.isDone());
        own.lift();
        assertTrue(settled.isDone(), "held lines may be held for long: the leave does not wait for them");
    }

    @Test
    void whatWaitedRunsInOrderOutsideTheMonitorOnTheThreadThatMadeItReady() {
        long line = own.expect();
        own.send(() -> {
            assertFalse(Thread.holdsLock(own), "a reply may take its room's lock: not under this monitor");
            out.add("who");
        });
        own.send(() -> out.add("after"));
        assertEquals(List.of(), out);
        own.arrived(line);
        assertEquals(List.of("who", "after"), out);
    }
}
