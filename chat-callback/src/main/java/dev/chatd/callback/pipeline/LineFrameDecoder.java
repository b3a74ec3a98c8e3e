package dev.chatd.callback.pipeline;

import dev.chatd.common.wire.LineFramer;
import dev.chatd.common.wire.LineSink;
import dev.chatd.common.wire.Utf8;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts telnet-stripped bytes into lines with the common {@link LineFramer}: emits each line as a
 * {@code byte[]} without its line end, and {@link LineTooLong#INSTANCE} for a line over the limit.
 * When input ends (EOF, half-close) the last, unterminated line is emitted too, as an
 * {@link UnterminatedLine}; when the connection breaks or is closed instead, it is not.
 *
 * <p>The framer keeps its own partial line, so every read is consumed whole and the decoder's
 * cumulation buffer stays empty. One instance per channel.
 */
public final class LineFrameDecoder extends ByteToMessageDecoder {

    private final LineFramer framer;

    public LineFrameDecoder(int maxLineBytes) {
        this.framer = new LineFramer(maxLineBytes);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int length = in.readableBytes();
        if (in.hasArray()) {
            framer.feed(in.array(), in.arrayOffset() + in.readerIndex(), length, new Emitter(out));
        } else {
            framer.feed(ByteBufUtil.getBytes(in), 0, length, new Emitter(out));
        }
        in.skipBytes(length);
    }

    /**
     * Called on input shutdown and again when the channel goes inactive. Only the first, an end of
     * input (EOF, half-close) with the channel still open, completes the last line; after a reset,
     * an error or our own close the partial line is dropped.
     */
    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.isReadable()) {
            decode(ctx, in, out);
        }
        if (ctx.channel().isActive()) {
            framer.endOfInput(new Emitter(out));
        }
    }

    /** Adds the framer's lines to the decoder's output, copied: the framer's bytes are valid only during the call. */
    private static final class Emitter implements LineSink {
        private final List<Object> out;

        Emitter(List<Object> out) {
            this.out = out;
        }

        @Override
        public void line(byte[] bytes, int off, int len) {
            out.add(Arrays.copyOfRange(bytes, off, off + len));
        }

        @Override
        public void lineTooLong() {
            out.add(LineTooLong.INSTANCE);
        }

        @Override
        public void unterminatedLine(byte[] bytes, int off, int len) {
            out.add(new UnterminatedLine(Utf8.decode(bytes, off, len)));
        }
    }
}
