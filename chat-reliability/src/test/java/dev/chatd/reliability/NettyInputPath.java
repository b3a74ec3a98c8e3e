package dev.chatd.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chatd.callback.pipeline.LineFrameDecoder;
import dev.chatd.callback.pipeline.LineTooLong;
import dev.chatd.callback.pipeline.TelnetStripHandler;
import dev.chatd.callback.pipeline.UnterminatedLine;
import dev.chatd.callback.pipeline.Utf8LineDecoder;
import dev.chatd.common.wire.TelnetEvent;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The callback server's inbound handlers in an {@link EmbeddedChannel}, in the order its
 * initializer adds them. Reads come as heap or direct buffers at random (sockets give direct ones);
 * every buffer must be released by the time the channel is done.
 */
final class NettyInputPath implements InputPath {

    private final Random random;

    NettyInputPath(Random random) {
        this.random = random;
    }

    @Override
    public String name() {
        return "netty pipeline";
    }

    @Override
    public List<Object> decode(List<byte[]> reads, int maxLineBytes) {
        EmbeddedChannel channel = new EmbeddedChannel(
                new TelnetStripHandler(), new LineFrameDecoder(maxLineBytes), new Utf8LineDecoder());
        List<ByteBuf> written = new ArrayList<>();
        for (byte[] read : reads) {
            ByteBuf buf = random.nextBoolean() ? Unpooled.directBuffer(read.length) : Unpooled.buffer(read.length);
            buf.writeBytes(read);
            written.add(buf);
            channel.writeInbound(buf); // rethrows anything a handler threw
        }
        channel.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        channel.checkException();
        channel.finish();
        List<Object> out = new ArrayList<>();
        for (Object msg; (msg = channel.readInbound()) != null; ) {
            if (msg == LineTooLong.INSTANCE) {
                out.add(Decoded.LINE_TOO_LONG);
            } else if (msg instanceof TelnetEvent event) {
                out.add(Decoded.Telnet.of(event));
            } else if (msg instanceof UnterminatedLine last) {
                out.add(new Decoded.Unterminated(last.text()));
            } else {
                out.add(msg);
            }
        }
        for (ByteBuf buf : written) {
            assertEquals(0, buf.refCnt(), "a read's buffer was not released");
        }
        return out;
    }
}
