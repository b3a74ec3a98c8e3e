package dev.chatd.callback.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The inbound handlers together (telnet strip, line framing, UTF-8), fed through an
 * {@link EmbeddedChannel} in every possible split: where the socket's reads end changes nothing.
 */
class InputPipelineTest {

    private static final int MAX_LINE = 8;
    private static final int IAC = 0xFF;
    private static final int DO = 253;
    private static final int SB = 250;
    private static final int SE = 240;

    /** Telnet negotiation, every line end, an over-long line, bad UTF-8, and an unterminated last line. */
    private static final byte[] INPUT = concat(
            bytes(IAC, DO, 1), ascii("hi\r\n"),
            ascii("a"), bytes(IAC, SB, 24, 1, IAC, IAC, IAC, SE), ascii("b\r\0"),
            ascii("c\rd\n"),
            ascii("123456789\n"),
            ascii("\n"),
            bytes('x', 0xC3, '\n'),
            ascii("last"));

    private static final List<Object> EXPECTED = List.of(
            "hi", "ab", "c", "d", LineTooLong.INSTANCE, "", "x\uFFFD", "last");

    @Test
    void everySplitGivesTheSameLines() {
        for (int cut = 0; cut <= INPUT.length; cut++) {
            for (boolean direct : new boolean[] {false, true}) {
                List<byte[]> chunks = List.of(Arrays.copyOfRange(INPUT, 0, cut), Arrays.copyOfRange(INPUT, cut, INPUT.length));
                assertEquals(EXPECTED, decode(chunks, direct), "split at " + cut + (direct ? " (direct)" : ""));
            }
        }
    }

    @Test
    void singleBytesGiveTheSameLines() {
        List<byte[]> chunks = new ArrayList<>();
        for (byte b : INPUT) {
            chunks.add(new byte[] {b});
        }
        assertEquals(EXPECTED, decode(chunks, true));
    }

    @Test
    void halfCloseDeliversTheUnterminatedLineBeforeTheEvent() {
        EmbeddedChannel channel = pipeline();
        channel.writeInbound(Unpooled.wrappedBuffer(ascii("one\ntwo")));
        Object one = channel.readInbound();
        assertEquals("one", one);
        assertNull(channel.readInbound());
        channel.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        Object two = channel.readInbound();
        assertEquals("two", two);
        channel.finishAndReleaseAll();
    }

    @Test
    void aCloseWithoutEofDropsTheUnterminatedLine() {
        EmbeddedChannel channel = pipeline();
        channel.writeInbound(Unpooled.wrappedBuffer(ascii("one\ntwo")));
        channel.finish(); // closed, as after a reset: no end of input
        Object one = channel.readInbound();
        assertEquals("one", one);
        assertNull(channel.readInbound());
    }

    @Test
    void negotiationAloneProducesNothing() {
        EmbeddedChannel channel = pipeline();
        channel.writeInbound(Unpooled.wrappedBuffer(bytes(IAC, DO, 1, IAC, SB, 31, 0, 80, IAC, SE)));
        assertNull(channel.readInbound());
        channel.finishAndReleaseAll();
    }

    private static List<Object> decode(List<byte[]> chunks, boolean direct) {
        EmbeddedChannel channel = pipeline();
        for (byte[] chunk : chunks) {
            ByteBuf buf = direct ? Unpooled.directBuffer(chunk.length + 1) : Unpooled.buffer(chunk.length + 1);
            channel.writeInbound(buf.writeBytes(chunk));
        }
        channel.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE); // EOF: the last line comes out
        channel.finish();
        List<Object> out = new ArrayList<>();
        for (Object msg; (msg = channel.readInbound()) != null; ) {
            out.add(msg);
        }
        return out;
    }

    private static EmbeddedChannel pipeline() {
        return new EmbeddedChannel(new TelnetStripHandler(), new LineFrameDecoder(MAX_LINE), new Utf8LineDecoder());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
