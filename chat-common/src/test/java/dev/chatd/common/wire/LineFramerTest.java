package dev.chatd.common.wire;

import static dev.chatd.common.wire.RecordingLineSink.TOO_LONG;
import static dev.chatd.common.wire.RecordingLineSink.UNTERMINATED;
import static dev.chatd.common.wire.Splits.bytes;
import static dev.chatd.common.wire.Splits.latin1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineFramerTest {

    private static final int MAX = 8;

    /** Feeds the chunks in order to one framer, each between hostile padding, then ends the input. */
    private static List<String> frame(int max, List<byte[]> chunks) {
        LineFramer framer = new LineFramer(max);
        RecordingLineSink sink = new RecordingLineSink();
        for (byte[] chunk : chunks) {
            framer.feed(Splits.padded(chunk), Splits.OFFSET, chunk.length, sink);
        }
        framer.endOfInput(sink);
        return sink.events;
    }

    /** Checks the expected events for the input whole and cut at every boundary. */
    private static void assertFramed(int max, byte[] input, String... expected) {
        for (List<byte[]> split : Splits.every(input)) {
            assertEquals(List.of(expected), frame(max, split), () -> "split into " + split.size() + " chunks: "
                    + split.stream().map(Arrays::toString).toList());
        }
    }

    private static void assertFramed(byte[] input, String... expected) {
        assertFramed(MAX, input, expected);
    }

    private static void feed(LineFramer framer, String chunk, RecordingLineSink sink) {
        byte[] bytes = latin1(chunk);
        framer.feed(bytes, 0, bytes.length, sink);
    }

    private static String repeat(char c, int n) {
        return String.valueOf(c).repeat(n);
    }

    @Test
    void everyLineEndEndsALine() {
        assertFramed(latin1("lf\ncrlf\r\ncrnul\r\0"), "lf", "crlf", "crnul");
    }

    @Test
    void crBeforeAnyOtherByteEndsTheLineAndThatByteStartsTheNext() {
        assertFramed(latin1("one\rtwo\n"), "one", "two");
        // CR CR: the second CR is the next line's byte, and it ends that (empty) line.
        assertFramed(latin1("one\r\rtwo\n"), "one", "", "two");
        assertFramed(latin1("one\r\r\ntwo\n"), "one", "", "two");
    }

    @Test
    void onlyOneLfOrNulBelongsToACr() {
        assertFramed(latin1("a\r\n\nb\n"), "a", "", "b");
        assertFramed(latin1("a\r\0\0b\n"), "a", "\0b");
        assertFramed(latin1("a\n\0b\n"), "a", "\0b");
    }

    @Test
    void emptyLinesAreDelivered() {
        assertFramed(latin1("\n\r\n\r\0\r\n"), "", "", "", "");
    }

    @Test
    void nulOutsideALineEndIsData() {
        assertFramed(latin1("a\0b\n"), "a\0b");
    }

    @Test
    void crAtTheEndOfAChunkWaitsOnlyToSeeIfTheNextByteIsPartOfTheLineEnd() {
        LineFramer framer = new LineFramer(MAX);
        RecordingLineSink sink = new RecordingLineSink();
        feed(framer, "hi\r", sink);
        assertEquals(List.of("hi"), sink.events, "the line is complete at its CR");
        feed(framer, "\n", sink);
        assertEquals(List.of("hi"), sink.events, "the LF belonged to the CR");
        feed(framer, "x\r", sink);
        feed(framer, "\0", sink);
        feed(framer, "\r", sink);
        feed(framer, "y\n", sink);
        assertEquals(List.of("hi", "x", "", "y"), sink.events);
    }

    @Test
    void crThenEndOfInputJustEndsTheLine() {
        assertFramed(latin1("last\r"), "last");
        assertFramed(latin1("a\r\r"), "a", "");
    }

    @Test
    void partialLineAtEndOfInputIsDeliveredAsUnterminated() {
        assertFramed(latin1("one\ntwo"), "one", UNTERMINATED + "two");
    }

    @Test
    void nothingAfterTheLastLineEndDeliversNothingAtEndOfInput() {
        assertFramed(latin1("one\n"), "one");
        assertFramed(new byte[0]);
    }

    @Test
    void lineOfExactlyTheLimitIsDelivered() {
        String max = repeat('m', MAX);
        assertFramed(latin1(max + "\n" + max + "\r\n" + max + "\r\0" + max + "\r" + max), max, max, max, max, UNTERMINATED + max);
    }

    @Test
    void lineOneByteOverTheLimitIsReportedOnceAndTheNextLineIsNormal() {
        String over = repeat('o', MAX + 1);
        assertFramed(latin1(over + "\nnext\n"), TOO_LONG, "next");
        assertFramed(latin1(over + "\r\nnext\n"), TOO_LONG, "next");
        assertFramed(latin1(over + "\r\0next\n"), TOO_LONG, "next");
        assertFramed(latin1(over + "\rnext\n"), TOO_LONG, "next");
    }

    @Test
    void tooLongLineAtEndOfInputIsReportedAndNothingMore() {
        assertFramed(latin1("ok\n" + repeat('o', MAX + 1)), "ok", TOO_LONG);
        assertFramed(latin1("ok\n" + repeat('o', MAX + 1) + "\r"), "ok", TOO_LONG);
    }

    @Test
    void linesAroundOverrunsAreKeptInOrder() {
        String over = repeat('o', 3 * MAX);
        assertFramed(latin1("a\n" + over + "\n\nb\r" + over + "\r" + over + "\r\nc"),
                "a", TOO_LONG, "", "b", TOO_LONG, TOO_LONG, UNTERMINATED + "c");
    }

    @Test
    void overrunIsReportedAsSoonAsItHappensAndOnlyOnceAcrossManyFeeds() {
        LineFramer framer = new LineFramer(MAX);
        RecordingLineSink sink = new RecordingLineSink();
        feed(framer, "ok\n" + repeat('x', MAX - 3), sink);
        feed(framer, "xxx", sink);
        assertEquals(List.of("ok"), sink.events, "exactly the limit so far");
        feed(framer, "y", sink);
        assertEquals(List.of("ok", TOO_LONG), sink.events, "reported at the first byte over, before any line end");
        for (int i = 0; i < 1000; i++) {
            feed(framer, "endless stream without a line end ", sink);
        }
        feed(framer, "still going\r", sink);
        feed(framer, "\nfine\n", sink);
        assertEquals(List.of("ok", TOO_LONG, "fine"), sink.events);
    }

    @Test
    void fiveThousandLinesInOneFeedArriveInOrder() {
        StringBuilder input = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            String line = "line " + i;
            expected.add(line);
            input.append(line).append(i % 3 == 0 ? "\r\n" : i % 3 == 1 ? "\n" : "\r\0");
        }
        LineFramer framer = new LineFramer(64);
        RecordingLineSink sink = new RecordingLineSink();
        feed(framer, input.toString(), sink);
        framer.endOfInput(sink);
        assertEquals(expected, sink.events);
    }

    @Test
    void mixedInputIsFramedTheSameAtEverySplit() {
        assertFramed(4, latin1("ab\r\n\rabcd\r\0abcde\n\nx\r\r\0abcdefghij\rq\0\n\r\r\nend"),
                "ab", "", "abcd", TOO_LONG, "", "x", "", TOO_LONG, "q\0", "", "", UNTERMINATED + "end");
    }

    @Test
    void completeLineInsideOneChunkIsPassedStraightFromTheCallersArray() {
        LineFramer framer = new LineFramer(MAX);
        RecordingLineSink sink = new RecordingLineSink();
        byte[] chunk = latin1("one\ntwo\r\nthr");
        framer.feed(chunk, 0, chunk.length, sink);
        assertSame(chunk, sink.arrays.get(0));
        assertSame(chunk, sink.arrays.get(1));
        byte[] rest = latin1("ee\nfour\n");
        framer.feed(rest, 0, rest.length, sink);
        assertNotSame(rest, sink.arrays.get(2), "a line begun in an earlier chunk was buffered");
        assertSame(rest, sink.arrays.get(3));
        assertEquals(List.of("one", "two", "three", "four"), sink.events);
    }

    @Test
    void idleFramerHoldsNoBufferAndShrinksBackAfterALongLine() {
        int max = 4096;
        LineFramer framer = new LineFramer(max);
        RecordingLineSink sink = new RecordingLineSink();
        assertEquals(0, framer.bufferCapacity(), "a new framer holds no buffer");

        feed(framer, "short\nlines\r\nonly\n", sink);
        assertEquals(0, framer.bufferCapacity(), "complete lines need no buffer");

        feed(framer, "partial", sink);
        assertTrue(framer.bufferCapacity() <= LineFramer.SMALL_CAPACITY, "a short partial line needs a small buffer");
        feed(framer, "\n", sink);
        assertTrue(framer.bufferCapacity() <= LineFramer.SMALL_CAPACITY);

        String longLine = repeat('L', max);
        for (int i = 0; i < max; i += 100) {
            feed(framer, longLine.substring(i, Math.min(max, i + 100)), sink);
            assertTrue(framer.bufferCapacity() <= max, "never more than the limit");
        }
        assertTrue(framer.bufferCapacity() >= max, "the whole line is held");
        feed(framer, "\n", sink);
        assertTrue(framer.bufferCapacity() <= LineFramer.SMALL_CAPACITY, "let go after the long line");

        feed(framer, repeat('o', 3000), sink);
        feed(framer, repeat('o', 3000), sink);
        assertTrue(framer.bufferCapacity() <= LineFramer.SMALL_CAPACITY, "let go at the overrun");
        feed(framer, "\nafter\n", sink);
        assertEquals(List.of("short", "lines", "only", "partial", longLine, TOO_LONG, "after"), sink.events);
    }

    @Test
    void bufferNeverExceedsAnOddLimit() {
        LineFramer framer = new LineFramer(300);
        RecordingLineSink sink = new RecordingLineSink();
        for (int i = 0; i < 300; i++) {
            feed(framer, "z", sink);
            assertTrue(framer.bufferCapacity() <= 300);
        }
        feed(framer, "\n", sink);
        assertEquals(List.of(repeat('z', 300)), sink.events);
    }

    @Test
    void endOfInputLeavesTheFramerAsNew() {
        LineFramer framer = new LineFramer(MAX);
        RecordingLineSink sink = new RecordingLineSink();
        feed(framer, "a\r", sink);
        framer.endOfInput(sink);
        feed(framer, "\nb\n", sink);
        assertEquals(List.of("a", "", "b"), sink.events, "no CR is remembered across the end");
    }

    @Test
    void bufferReusedForTheNextLineDoesNotDisturbTheLastOne() {
        LineFramer framer = new LineFramer(MAX);
        RecordingLineSink sink = new RecordingLineSink();
        for (String piece : List.of("ab", "c\n", "de", "f\n")) {
            feed(framer, piece, sink);
        }
        assertEquals(List.of("abc", "def"), sink.events);
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new LineFramer(0));
        LineFramer framer = new LineFramer(MAX);
        RecordingLineSink sink = new RecordingLineSink();
        assertThrows(IndexOutOfBoundsException.class, () -> framer.feed(new byte[4], 2, 3, sink));
        assertThrows(IndexOutOfBoundsException.class, () -> framer.feed(new byte[4], -1, 1, sink));
        framer.feed(bytes('a', '\n'), 0, 2, sink);
        assertEquals(List.of("a"), sink.events);
        assertEquals(MAX, framer.maxLineBytes());
    }
}
