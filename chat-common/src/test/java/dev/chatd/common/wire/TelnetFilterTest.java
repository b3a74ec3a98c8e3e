package dev.chatd.common.wire;

import static dev.chatd.common.wire.Splits.bytes;
import static dev.chatd.common.wire.Splits.concat;
import static dev.chatd.common.wire.Splits.latin1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TelnetFilterTest {

    private static final int IAC = 255;
    private static final int SE = 240;
    private static final int NOP = 241;
    private static final int AYT = 246;
    private static final int GA = 249;
    private static final int SB = 250;
    private static final int WILL = 251;
    private static final int WONT = 252;
    private static final int DO = 253;
    private static final int DONT = 254;
    private static final int ECHO = 1;
    private static final int TERMINAL_TYPE = 24;

    /** Filters the chunks in order through one filter, each chunk between hostile padding. */
    private static byte[] filter(List<byte[]> chunks) {
        TelnetFilter filter = new TelnetFilter();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] chunk : chunks) {
            byte[] buf = Splits.padded(chunk);
            int kept = filter.filter(buf, Splits.OFFSET, chunk.length);
            out.write(buf, Splits.OFFSET, kept);
            assertArrayEquals(Splits.HOSTILE_PADDING, Arrays.copyOfRange(buf, 0, Splits.OFFSET),
                    "bytes before the range must not change");
            assertArrayEquals(Splits.HOSTILE_PADDING,
                    Arrays.copyOfRange(buf, Splits.OFFSET + chunk.length, buf.length),
                    "bytes after the range must not change");
        }
        return out.toByteArray();
    }

    /** Checks the expected output for the input whole and cut at every boundary. */
    private static void assertFiltered(byte[] expected, byte[] input) {
        for (List<byte[]> split : Splits.every(input)) {
            assertArrayEquals(expected, filter(split), () -> "split into " + split.size() + " chunks: "
                    + split.stream().map(Arrays::toString).toList());
        }
    }

    @Test
    void plainDataPassesUntouchedWithoutBeingRewritten() {
        byte[] input = latin1("hello\r\nworld\n");
        TelnetFilter filter = new TelnetFilter();
        assertEquals(input.length, filter.filter(input, 0, input.length));
        assertArrayEquals(latin1("hello\r\nworld\n"), input);
    }

    @Test
    void emptyInputKeepsNothing() {
        assertEquals(0, new TelnetFilter().filter(new byte[0], 0, 0));
    }

    @Test
    void escapedIacIsDroppedNotPassedOn() {
        assertFiltered(latin1("ab"), concat(latin1("a"), bytes(IAC, IAC), latin1("b")));
        assertFiltered(latin1("ab"), concat(latin1("a"), bytes(IAC, IAC, IAC, IAC), latin1("b")));
    }

    @Test
    void optionNegotiationIsThreeBytesWhateverTheOption() {
        for (int verb : new int[] {WILL, WONT, DO, DONT}) {
            assertFiltered(latin1("ab"), concat(latin1("a"), bytes(IAC, verb, ECHO), latin1("b")));
            // The option byte is taken even when it looks like a line end or an IAC.
            assertFiltered(latin1("ab"), concat(latin1("a"), bytes(IAC, verb, '\n'), latin1("b")));
            assertFiltered(latin1("ab"), concat(latin1("a"), bytes(IAC, verb, IAC), latin1("b")));
        }
    }

    @Test
    void otherCommandsAreTwoBytes() {
        for (int command = SE; command <= DONT; command++) {
            if (command == SB || (command >= WILL && command <= DONT)) {
                continue;
            }
            assertFiltered(latin1("ab"), concat(latin1("a"), bytes(IAC, command), latin1("b")));
        }
    }

    @Test
    void subnegotiationIsSkippedWhole() {
        byte[] terminalType = concat(bytes(IAC, SB, TERMINAL_TYPE, 0), latin1("xterm-256color\r\n"), bytes(IAC, SE));
        assertFiltered(latin1("before\nafter"), concat(latin1("before\n"), terminalType, latin1("after")));
    }

    @Test
    void escapedIacInsideSubnegotiationDoesNotEndIt() {
        byte[] input = concat(latin1("a"), bytes(IAC, SB, 1, IAC, IAC, SE, 2, IAC, IAC, IAC, SE), latin1("b"));
        assertFiltered(latin1("ab"), input);
    }

    @Test
    void seWithoutIacDoesNotEndSubnegotiation() {
        assertFiltered(latin1("ab"), concat(latin1("a"), bytes(IAC, SB, 1, SE, 'x', IAC, SE), latin1("b")));
    }

    @Test
    void commandInsideSubnegotiationEndsItAndCountsAsCommand() {
        // A client that forgot IAC SE: the next command ends the subnegotiation and is itself stripped.
        assertFiltered(latin1("ab"), concat(latin1("a"), bytes(IAC, SB, 1, 'x', IAC, WILL, ECHO), latin1("b")));
        assertFiltered(latin1("ab"), concat(latin1("a"), bytes(IAC, SB, 1, 'x', IAC, NOP), latin1("b")));
        // IAC SB inside a subnegotiation starts a new one, which needs its own IAC SE.
        assertFiltered(latin1("ab"),
                concat(latin1("a"), bytes(IAC, SB, 1, 'x', IAC, SB, 2, 'y', IAC, SE), latin1("b")));
        // IAC before a non-command byte ends it too, and that byte is data.
        assertFiltered(latin1("axb"), concat(latin1("a"), bytes(IAC, SB, 1, 'q', IAC, 'x'), latin1("b")));
    }

    @Test
    void unterminatedSubnegotiationSwallowsEverythingAfterIt() {
        assertFiltered(latin1("a"), concat(latin1("a"), bytes(IAC, SB, 1), latin1("lost\r\nlost too\n")));
    }

    @Test
    void longSubnegotiationInManyChunksIsSkipped() {
        TelnetFilter filter = new TelnetFilter();
        byte[] start = concat(latin1("a"), bytes(IAC, SB, TERMINAL_TYPE));
        assertEquals(1, filter.filter(start, 0, start.length));
        byte[] junk = new byte[64 * 1024];
        Arrays.fill(junk, (byte) 'z');
        for (int i = 0; i < 16; i++) {
            assertEquals(0, filter.filter(junk, 0, junk.length));
        }
        byte[] end = concat(bytes(IAC, SE), latin1("b"));
        assertEquals(1, filter.filter(end, 0, end.length));
        assertEquals('b', end[0]);
    }

    @Test
    void iacBeforeNonCommandByteDropsOnlyTheIac() {
        // A raw client's bare 0xFF (Latin-1 y-umlaut) right before Enter must not swallow the line end.
        assertFiltered(latin1("caf\n"), concat(latin1("caf"), bytes(IAC), latin1("\n")));
        assertFiltered(latin1("ab"), concat(latin1("a"), bytes(IAC), latin1("b")));
    }

    @Test
    void iacAtTheVeryEndWaitsForTheNextByte() {
        TelnetFilter filter = new TelnetFilter();
        byte[] first = concat(latin1("ab"), bytes(IAC));
        assertEquals(2, filter.filter(first, 0, first.length));
        byte[] second = concat(bytes(NOP), latin1("c"));
        assertEquals(1, filter.filter(second, 0, second.length));
        assertEquals('c', second[0]);
    }

    @Test
    void everyFormTogetherIsStrippedTheSameAtEverySplit() {
        byte[] input = concat(
                latin1("he"), bytes(IAC, DO, ECHO), latin1("l"), bytes(IAC, IAC), latin1("lo\r\n"),
                bytes(IAC, SB, TERMINAL_TYPE, 0, 'v', 't', IAC, IAC, SE, IAC, SE),
                bytes(IAC, AYT), latin1("x"), bytes(IAC, GA, IAC, WONT, IAC), latin1("y\n"),
                bytes(IAC, SB, 5, 5, IAC, WILL, 3), latin1("z"), bytes(IAC, 'q'), bytes(IAC, SE));
        assertFiltered(latin1("hello\r\nxy\nzq"), input);
    }

    @Test
    void keptBytesAreCompactedToTheStartOfTheRange() {
        byte[] buf = concat(latin1("##a"), bytes(IAC, WILL, ECHO), latin1("b##"));
        TelnetFilter filter = new TelnetFilter();
        int kept = filter.filter(buf, 2, buf.length - 4);
        assertEquals(2, kept);
        assertArrayEquals(latin1("##ab"), Arrays.copyOf(buf, 4));
        assertArrayEquals(latin1("##"), Arrays.copyOfRange(buf, buf.length - 2, buf.length));
    }
}
