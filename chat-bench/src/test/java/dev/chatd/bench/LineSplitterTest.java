package dev.chatd.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {

    private final LineSplitter splitter = new LineSplitter();
    private final List<String> lines = new ArrayList<>();
    private final LineSink sink = (buf, from, to) -> lines.add(buf.toString(from, to - from, StandardCharsets.UTF_8));

    private void feed(String chunk) {
        ByteBuf buf = Unpooled.copiedBuffer(chunk, StandardCharsets.UTF_8);
        splitter.feed(buf, sink);
        assertFalse(buf.isReadable(), "feed consumes everything");
    }

    @Test
    void splitsCrlfAndLfLines() {
        feed("one\r\ntwo\nthree\r\n");
        assertEquals(List.of("one", "two", "three"), lines);
    }

    @Test
    void joinsLinesSplitAcrossReads() {
        feed("Welc");
        feed("ome to chatd\r");
        assertEquals(List.of(), lines);
        feed("\nu1: hi\r\nu2");
        feed(": there\r\n");
        assertEquals(List.of("Welcome to chatd", "u1: hi", "u2: there"), lines);
    }

    @Test
    void keepsAnUnfinishedPromptAsTheTail() {
        byte[] prompt = "Username: ".getBytes(StandardCharsets.US_ASCII);
        feed("Welcome to chatd\r\nUser");
        assertFalse(splitter.tailEquals(prompt));
        feed("name: ");
        assertTrue(splitter.tailEquals(prompt));
        assertEquals(List.of("Welcome to chatd"), lines);
        splitter.clearTail();
        feed("* u1 joined #lobby\r\n");
        assertEquals(List.of("Welcome to chatd", "* u1 joined #lobby"), lines);
    }

    @Test
    void aLongLineInManyPiecesComesWholeAndLaterLinesStillWork() {
        String longLine = "* users in #lobby: " + "u1234, ".repeat(5000);
        for (int i = 0; i < longLine.length(); i += 1000) feed(longLine.substring(i, Math.min(longLine.length(), i + 1000)));
        feed("\r\nnext\r\nla");
        feed("st\r\n");
        assertEquals(List.of(longLine, "next", "last"), lines);
    }

    @Test
    void emptyLinesAreLines() {
        feed("\r\n\n");
        assertEquals(List.of("", ""), lines);
    }
}
