package dev.chatd.common.wire;

import static dev.chatd.common.wire.Splits.bytes;
import static dev.chatd.common.wire.Splits.concat;
import static dev.chatd.common.wire.Splits.latin1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TelnetFilterTest {

    private static final int IAC = 255;
    private static final int SE = 240;
    private static final int EOF = 236;
    private static final int NOP = 241;
    private static final int IP = 244;
    private static final int AYT = 246;
    private static final int GA = 249;
    private static final int SB = 250;
    private static final int WILL = 251;
    private static final int WONT = 252;
    private static final int DO = 253;
    private static final int DONT = 254;
    private static final int BINARY = 0;
    private static final int ECHO = 1;
    private static final int SGA = 3;
    private static final int TIMING_MARK = 6;
    /** The offer after a client's first command: DO BINARY. */
    private static final String ASK_BINARY = "<reply ff fd 00>";
    private static final int TERMINAL_TYPE = 24;

    /**
     * What one filter makes of the chunks fed in order, each between hostile padding: the data as
     * Latin-1 text, with each event written in place as {@code <reply ff fd 00>} or {@code <ayt>}.
     */
    static String transcript(List<byte[]> chunks) {
        TelnetFilter filter = new TelnetFilter();
        StringBuilder out = new StringBuilder();
        TelnetFilter.Sink sink = new TelnetFilter.Sink() {
            @Override
            public void data(byte[] buf, int off, int len) {
                assertTrue(len > 0, "no empty data runs");
                out.append(new String(buf, off, len, StandardCharsets.ISO_8859_1));
            }

            @Override
            public void telnet(TelnetEvent event) {
                out.append(describe(event));
            }
        };
        for (byte[] chunk : chunks) {
            byte[] buf = Splits.padded(chunk);
            byte[] before = buf.clone();
            filter.feed(buf, Splits.OFFSET, chunk.length, sink);
            assertArrayEquals(before, buf, "the filter must not change its input");
        }
        return out.toString();
    }

    static String describe(TelnetEvent event) {
        if (event instanceof TelnetEvent.Reply reply) {
            StringBuilder hex = new StringBuilder("<reply");
            for (byte b : reply.bytes()) {
                hex.append(String.format(" %02x", b & 0xFF));
            }
            return hex.append('>').toString();
        }
        return "<ayt>";
    }

    /** The data bytes the filter keeps, events left out. */
    private static byte[] filter(List<byte[]> chunks) {
        return latin1(transcript(chunks).replaceAll("<(reply[0-9a-f ]*|ayt)>", ""));
    }

    /** Checks the expected output for the input whole and cut at every boundary. */
    private static void assertFiltered(byte[] expected, byte[] input) {
        for (List<byte[]> split : Splits.every(input)) {
            assertArrayEquals(expected, filter(split), () -> "split into " + split.size() + " chunks: "
                    + split.stream().map(Arrays::toString).toList());
        }
    }

    @Test
    void plainDataPassesAsOneRun() {
        byte[] input = latin1("hello\r\nworld\n");
        List<String> runs = new ArrayList<>();
        new TelnetFilter().feed(input, 0, input.length, new TelnetFilter.Sink() {
            @Override
            public void data(byte[] buf, int off, int len) {
                assertSame(input, buf);
                runs.add(off + "+" + len);
            }

            @Override
            public void telnet(TelnetEvent event) {
                runs.add(describe(event));
            }
        });
        assertEquals(List.of("0+" + input.length), runs);
    }

    @Test
    void emptyInputKeepsNothing() {
        assertEquals("", transcript(List.of(new byte[0])));
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
        for (int command = EOF; command <= DONT; command++) {
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
        byte[] junk = new byte[64 * 1024];
        Arrays.fill(junk, (byte) 'z');
        List<byte[]> chunks = new ArrayList<>();
        chunks.add(concat(latin1("a"), bytes(IAC, SB, TERMINAL_TYPE)));
        for (int i = 0; i < 16; i++) {
            chunks.add(junk);
        }
        chunks.add(concat(bytes(IAC, SE), latin1("b")));
        assertEquals("a" + ASK_BINARY + "b", transcript(chunks));
    }

    @Test
    void iacBeforeNonCommandByteDropsOnlyTheIac() {
        // A raw client's bare 0xFF (Latin-1 y-umlaut) right before Enter must not swallow the line end.
        assertFiltered(latin1("caf\n"), concat(latin1("caf"), bytes(IAC), latin1("\n")));
        assertFiltered(latin1("ab"), concat(latin1("a"), bytes(IAC), latin1("b")));
    }

    @Test
    void iacAtTheVeryEndWaitsForTheNextByte() {
        assertEquals("ab" + ASK_BINARY + "c",
                transcript(List.of(concat(latin1("ab"), bytes(IAC)), concat(bytes(NOP), latin1("c")))));
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

    // Answers (docs/protocol.md: answered, never started; RFC 1143).

    @Test
    void aClientThatSendsNoCommandHearsNothing() {
        // A bare 0xFF from netcat, and an escaped one, are data, not commands: no offer, no answer.
        assertTranscript("caf\ny\nab", concat(latin1("caf"), bytes(IAC), latin1("\ny\n"), latin1("a"),
                bytes(IAC, IAC), latin1("b")));
    }

    @Test
    void timingMarkIsAnsweredEveryTimeInPlace() {
        // Ctrl-C in inetutils telnet: IAC IP IAC DO TIMING-MARK. The first command also brings the offer.
        byte[] ctrlC = bytes(IAC, IP, IAC, DO, TIMING_MARK);
        assertTranscript("a" + ASK_BINARY + "<reply ff fb 06>b<reply ff fb 06>c",
                concat(latin1("a"), ctrlC, latin1("b"), ctrlC, latin1("c")));
    }

    @Test
    void binaryIsAgreedBothWaysOnceAndRepeatsGetNothing() {
        // The client asks first: agreed, and the offer is not made again for a direction already on.
        assertTranscript("<reply ff fd 00><reply ff fb 00>",
                concat(bytes(IAC, WILL, BINARY, IAC, WILL, BINARY), bytes(IAC, DO, BINARY, IAC, DO, BINARY)));
        // Off again on request, once; a second request changes nothing and gets nothing.
        assertTranscript("<reply ff fd 00><reply ff fe 00><reply ff fb 00><reply ff fc 00>",
                concat(bytes(IAC, WILL, BINARY, IAC, WONT, BINARY, IAC, WONT, BINARY),
                        bytes(IAC, DO, BINARY, IAC, DONT, BINARY, IAC, DONT, BINARY)));
    }

    @Test
    void theOfferIsDoBinaryAndTheClientsAnswerToItIsNotAnswered() {
        // IAC NOP shows a telnet client: DO BINARY. Its WILL is the yes (no reply); a later WONT turns it off.
        assertTranscript(ASK_BINARY + "x<reply ff fe 00>",
                bytes(IAC, NOP, IAC, WILL, BINARY, 'x', IAC, WONT, BINARY, IAC, WONT, BINARY));
        // Refused: WONT in WANT_YES is the no, and needs no answer; asking again is the client's business.
        assertTranscript(ASK_BINARY, bytes(IAC, NOP, IAC, WONT, BINARY, IAC, NOP));
        // The server never offers BINARY output itself: DO BINARY from the client is answered, once.
        assertTranscript(ASK_BINARY + "<reply ff fb 00>", bytes(IAC, NOP, IAC, DO, BINARY, IAC, DO, BINARY));
    }

    @Test
    void everyOtherOptionIsRefusedAndRefusalsAreNotAnswered() {
        assertTranscript("<reply ff fc 01 ff fd 00><reply ff fe 18><reply ff fc 03>",
                bytes(IAC, DO, ECHO, IAC, WILL, TERMINAL_TYPE, IAC, DONT, ECHO, IAC, WONT, ECHO, IAC, DO, SGA));
        assertTranscript(ASK_BINARY + "<reply ff fe 06>", bytes(IAC, NOP, IAC, WILL, TIMING_MARK, IAC, WONT, TIMING_MARK,
                IAC, DONT, TIMING_MARK));
    }

    @Test
    void areYouThereIsAnEventInPlace() {
        assertTranscript("ali" + ASK_BINARY + "<ayt>ce<ayt>", concat(latin1("ali"), bytes(IAC, AYT), latin1("ce"),
                bytes(IAC, AYT)));
    }

    @Test
    void inetutilsInitialNegotiationGetsRefusalsAndTheOffer() {
        // What `telnet host -- -port` sends at once (captured from inetutils telnet 2.4).
        byte[] initial = bytes(IAC, DO, 38, IAC, WILL, 38, IAC, DO, SGA, IAC, WILL, TERMINAL_TYPE, IAC, WILL, 31,
                IAC, WILL, 32, IAC, WILL, 33, IAC, WILL, 34, IAC, WILL, 39, IAC, DO, 5);
        assertTranscript("<reply ff fc 26 ff fd 00><reply ff fe 26><reply ff fc 03><reply ff fe 18><reply ff fe 1f>"
                + "<reply ff fe 20><reply ff fe 21><reply ff fe 22><reply ff fe 27><reply ff fc 05>", initial);
    }

    private static void assertTranscript(String expected, byte[] input) {
        for (List<byte[]> split : Splits.every(input)) {
            assertEquals(expected, transcript(split), () -> "split into " + split.size() + " chunks: "
                    + split.stream().map(Arrays::toString).toList());
        }
    }
}
