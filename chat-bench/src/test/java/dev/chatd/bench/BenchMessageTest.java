package dev.chatd.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BenchMessageTest {

    private final byte[] scratch = new byte[20];

    private String encode(int sender, int seq, long nanos, int size) {
        ByteBuf buf = Unpooled.buffer();
        BenchMessage.encode(buf, sender, seq, nanos, size, scratch);
        return buf.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void encodesNumbersThenPadding() {
        assertEquals("3 17 123456789 xxxxxxxxxx\n", encode(3, 17, 123_456_789, 25));
    }

    @Test
    void textIsExactlyTheRequestedSizeOnceThereIsRoomForPadding() {
        // The numbers take 19 bytes here; 20 would leave only the separator, which servers trim.
        assertEquals("7 1234 987654321012\n", encode(7, 1234, 987_654_321_012L, 20));
        for (int size = 21; size < 6000; size += 97) {
            assertEquals(size + 1, encode(7, 1234, 987_654_321_012L, size).length(), "size " + size);
        }
    }

    @Test
    void aSizeSmallerThanTheNumbersSendsTheNumbersAlone() {
        assertEquals("0 0 0\n", encode(0, 0, 0, 1));
        assertEquals("12 345 6789\n", encode(12, 345, 6789, 12));
    }

    @Test
    void whatIsEncodedParsesBackFromTheRoomLine() {
        String text = encode(42, Integer.MAX_VALUE, 999_999_999_999_999_999L, 100).trim();
        ParsedMessage m = parse("user_42: " + text);
        assertEquals(42, m.sender);
        assertEquals(Integer.MAX_VALUE, m.seq);
        assertEquals(999_999_999_999_999_999L, m.sentNanos);
    }

    @Test
    void parsesALineInTheMiddleOfABuffer() {
        ByteBuf buf = Unpooled.copiedBuffer("* u1 joined #lobby\r\nu9: 1 2 3 xx\r\nrest", StandardCharsets.UTF_8);
        ParsedMessage m = new ParsedMessage();
        int from = 20;
        int to = from + "u9: 1 2 3 xx".length();
        assertTrue(BenchMessage.parse(buf, from, to, m));
        assertEquals(1, m.sender);
        assertEquals(2, m.seq);
        assertEquals(3, m.sentNanos);
    }

    @Test
    void nonAsciiNamesAreFine() {
        ParsedMessage m = parse("Zoë-Ünal: 5 6 7");
        assertEquals(5, m.sender);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "* u1 joined #lobby", "u1: hello", "u1: 1 2", "u1: 1 2 x", "u1: 1 2 3x", "u1:1 2 3", ": 1 2 3",
        "u1: 12345678901 2 3", "u1: 1 2 1234567890123456789", "u1: -1 2 3", "u1:  1 2 3", "u1 1 2 3"
    })
    void otherLinesAreNotMessages(String line) {
        assertFalse(BenchMessage.parse(buf(line), 0, line.getBytes(StandardCharsets.UTF_8).length, new ParsedMessage()), line);
    }

    private static ParsedMessage parse(String line) {
        ParsedMessage m = new ParsedMessage();
        ByteBuf buf = buf(line);
        assertTrue(BenchMessage.parse(buf, 0, buf.readableBytes(), m), line);
        return m;
    }

    private static ByteBuf buf(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }
}
