package dev.chatd.callback.pipeline;

import static dev.chatd.testkit.Bytes.bytes;
import static dev.chatd.testkit.Bytes.concat;
import static dev.chatd.testkit.Bytes.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.chatd.common.wire.TelnetEvent;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
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
            bytes(IAC, DO, 1), utf8("hi\r\n"),
            utf8("a"), bytes(IAC, SB, 24, 1, IAC, IAC, IAC, SE), utf8("b\r\0"),
            utf8("c\rd\n"),
            utf8("123456789\n"),
            utf8("\n"),
            bytes('x', 0xC3, '\n'),
            utf8("last"));

    /** DO ECHO is refused, with the first command's offer (DO BINARY) behind the refusal. */
    private static final List<Object> EXPECTED = List.of("reply ff fc 01 ff fd 00",
            "hi", "ab", "c", "d", LineTooLong.INSTANCE, "", "x\uFFFD", new UnterminatedLine("last"));

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
        channel.writeInbound(Unpooled.wrappedBuffer(utf8("one\ntwo")));
        Object one = channel.readInbound();
        assertEquals("one", one);
        assertNull(channel.readInbound());
        channel.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        Object two = channel.readInbound();
        assertEquals(new UnterminatedLine("two"), two);
        channel.finishAndReleaseAll();
    }

    @Test
    void aCloseWithoutEofDropsTheUnterminatedLine() {
        EmbeddedChannel channel = pipeline();
        channel.writeInbound(Unpooled.wrappedBuffer(utf8("one\ntwo")));
        channel.finish(); // closed, as after a reset: no end of input
        Object one = channel.readInbound();
        assertEquals("one", one);
        assertNull(channel.readInbound());
    }

    @Test
    void negotiationAloneProducesOnlyItsAnswer() {
        EmbeddedChannel channel = pipeline();
        channel.writeInbound(Unpooled.wrappedBuffer(bytes(IAC, DO, 1, IAC, SB, 31, 0, 80, IAC, SE)));
        assertEquals("reply ff fc 01 ff fd 00", describe(channel.readInbound()));
        assertNull(channel.readInbound());
        channel.finishAndReleaseAll();
    }

    /** Telnet replies as text, since their byte arrays compare by identity. */
    private static Object describe(Object msg) {
        if (!(msg instanceof TelnetEvent.Reply reply)) {
            return msg;
        }
        StringBuilder text = new StringBuilder("reply");
        for (byte b : reply.bytes()) {
            text.append(String.format(" %02x", b & 0xFF));
        }
        return text.toString();
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
            out.add(describe(msg));
        }
        return out;
    }

    private static EmbeddedChannel pipeline() {
        return new EmbeddedChannel(new TelnetStripHandler(), new LineFrameDecoder(MAX_LINE), new Utf8LineDecoder());
    }
}
