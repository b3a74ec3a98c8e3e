package dev.chatd.common.wire;

import static dev.chatd.common.wire.Splits.bytes;
import static dev.chatd.common.wire.Splits.concat;
import static dev.chatd.common.wire.Splits.latin1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InputDecoderTest {

    private static final String TOO_LONG = "<too long>";
    private static final String UNTERMINATED = "<unterminated>";
    private static final int IAC = 255;
    private static final int SE = 240;
    private static final int NOP = 241;
    private static final int IP = 244;
    private static final int SB = 250;
    private static final int WILL = 251;
    private static final int DO = 253;
    private static final int DONT = 254;

    /**
     * Writes down text lines, overruns as {@link #TOO_LONG}, the unterminated last line behind
     * {@link #UNTERMINATED}; telnet requests only in {@link #withTelnet}, in their place.
     */
    private static final class Recorder implements TextLineSink {
        final List<String> events = new ArrayList<>();
        final List<String> withTelnet = new ArrayList<>();

        @Override
        public void line(String line) {
            add(line);
        }

        @Override
        public void lineTooLong() {
            add(TOO_LONG);
        }

        @Override
        public void unterminatedLine(String line) {
            add(UNTERMINATED + line);
        }

        @Override
        public void telnet(TelnetEvent event) {
            withTelnet.add(TelnetFilterTest.describe(event));
        }

        private void add(String event) {
            events.add(event);
            withTelnet.add(event);
        }
    }

    private static List<String> decode(int max, List<byte[]> chunks) {
        Recorder sink = new Recorder();
        InputDecoder decoder = new InputDecoder(max, sink);
        for (byte[] chunk : chunks) {
            decoder.feed(Splits.padded(chunk), Splits.OFFSET, chunk.length);
        }
        decoder.endOfInput();
        return sink.events;
    }

    private static void assertDecoded(int max, byte[] input, String... expected) {
        for (List<byte[]> split : Splits.every(input)) {
            assertEquals(List.of(expected), decode(max, split), () -> "split into " + split.size() + " chunks: "
                    + split.stream().map(Arrays::toString).toList());
        }
    }

    @Test
    void telnetClientSessionBecomesTextLines() {
        byte[] input = concat(bytes(IAC, DO, 1, IAC, WILL, 24), "caf\u00e9\r\0".getBytes(UTF_8),
                bytes(IAC, SB, 24, 0), latin1("xterm"), bytes(IAC, SE), "/me \u2615\r\n".getBytes(UTF_8),
                latin1("bye"));
        assertDecoded(64, input, "caf\u00e9", "/me \u2615", UNTERMINATED + "bye");
    }

    @Test
    void telnetRequestsComeBetweenTheLinesAroundThem() {
        byte[] input = concat(latin1("one\ntw"), bytes(IAC, IP, IAC, DO, 6), latin1("o\n"), bytes(IAC, 246),
                latin1("three"));
        for (List<byte[]> split : Splits.every(input)) {
            Recorder sink = new Recorder();
            InputDecoder decoder = new InputDecoder(64, sink);
            for (byte[] chunk : split) {
                decoder.feed(Splits.padded(chunk), Splits.OFFSET, chunk.length);
            }
            decoder.endOfInput();
            // The request inside "two" comes after "one", and before "two", which it was typed in.
            assertEquals(List.of("one", "<reply ff fd 00>", "<reply ff fb 06>", "two", "<ayt>", UNTERMINATED + "three"),
                    sink.withTelnet);
        }
    }

    @Test
    void negotiationInsideACharacterIsStrippedBeforeDecoding() {
        assertDecoded(64, concat(latin1("caf"), bytes(0xC3, IAC, NOP, 0xA9), latin1("\n")), "caf\u00e9");
    }

    @Test
    void invalidUtf8BecomesReplacementCharacters() {
        assertDecoded(64, concat(bytes(0xED, 0xA0, 0x80, 'a', 0xC3), latin1("\n")), "\uFFFD\uFFFD\uFFFDa\uFFFD");
    }

    @Test
    void escapedIacIsDroppedBeforeDecoding() {
        assertDecoded(64, concat(latin1("a"), bytes(IAC, IAC), latin1("b\n")), "ab");
    }

    @Test
    void limitCountsBytesAfterTelnetStrippingAndWithoutTheLineEnd() {
        byte[] fiveBytes = concat(latin1("ab"), bytes(IAC, IAC, IAC, DONT, 1, IAC, NOP), latin1("cde\r\n"));
        assertDecoded(5, fiveBytes, "abcde");
        assertDecoded(4, fiveBytes, TOO_LONG);
        // Bytes, not characters: two 2-byte characters are four bytes.
        assertDecoded(3, "\u00e9\u00e9\nok\n".getBytes(UTF_8), TOO_LONG, "ok");
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new InputDecoder(0, new Recorder()));
        assertThrows(NullPointerException.class, () -> new InputDecoder(10, null));
        assertEquals(10, new InputDecoder(10, new Recorder()).maxLineBytes());
    }

    // --- Randomised comparison with a naive model that sees the whole input at once. ---

    /** The stripping rules applied to the whole input with look-ahead, instead of a state machine. */
    private static byte[] modelStrip(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < in.length) {
            int b = in[i] & 0xFF;
            if (b != IAC) {
                out.write(b);
                i++;
            } else if (i + 1 == in.length) {
                i++;
            } else {
                int c = in[i + 1] & 0xFF;
                if (c == SB) {
                    i = endOfSubnegotiation(in, i + 2);
                } else if (c >= WILL && c <= DONT) {
                    i += 3;
                } else if (c >= 236) { // RFC 854's commands and RFC 1184's EOF, SUSP, ABORT, EOR
                    i += 2;
                } else {
                    i++;
                }
            }
        }
        return out.toByteArray();
    }

    /** Where reading resumes after a subnegotiation whose content starts at {@code from}. */
    private static int endOfSubnegotiation(byte[] in, int from) {
        int j = from;
        while (j + 1 < in.length) {
            if ((in[j] & 0xFF) != IAC) {
                j++;
            } else if ((in[j + 1] & 0xFF) == IAC) {
                j += 2;
            } else if ((in[j + 1] & 0xFF) == SE) {
                return j + 2;
            } else {
                return j; // read this IAC again, as a command outside the subnegotiation
            }
        }
        return in.length;
    }

    /** The framing rules applied to the whole input: cut at line ends, then judge each line's length. */
    private static List<String> modelFrame(int max, byte[] in) {
        List<String> events = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < in.length) {
            if (in[i] == '\n' || in[i] == '\r') {
                events.add(judge(max, in, start, i));
                boolean swallowNext = in[i] == '\r' && i + 1 < in.length && (in[i + 1] == '\n' || in[i + 1] == 0);
                i += swallowNext ? 2 : 1;
                start = i;
            } else {
                i++;
            }
        }
        if (start < in.length) {
            String last = judge(max, in, start, in.length);
            events.add(last.equals(TOO_LONG) ? last : UNTERMINATED + last);
        }
        return events;
    }

    private static String judge(int max, byte[] in, int from, int to) {
        return to - from > max ? TOO_LONG : Utf8.decode(in, from, to - from);
    }

    @Test
    void randomInputInRandomChunksMatchesTheWholeInputModel() {
        int[] alphabet = {'a', 'b', 'c', '\r', '\n', 0, IAC, IAC, SE, NOP, SB, WILL, DO, 0xC3, 0xA9, 0xE2, 0x82, 237, 235};
        Random random = new Random(4455);
        for (int round = 0; round < 3000; round++) {
            byte[] input = new byte[random.nextInt(80)];
            for (int i = 0; i < input.length; i++) {
                input[i] = (byte) alphabet[random.nextInt(alphabet.length)];
            }
            int max = 1 + random.nextInt(12);
            List<byte[]> chunks = new ArrayList<>();
            for (int at = 0; at < input.length; ) {
                int size = Math.min(input.length - at, random.nextInt(9));
                chunks.add(Arrays.copyOfRange(input, at, at + size));
                at += size;
            }
            List<String> expected = modelFrame(max, modelStrip(input));
            assertEquals(expected, decode(max, chunks), () -> "max " + max + ", chunks "
                    + chunks.stream().map(Arrays::toString).toList());
        }
    }
}
