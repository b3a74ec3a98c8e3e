package dev.chatd.callback.pipeline;

import dev.chatd.common.wire.TelnetFilter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * First in the pipeline: removes telnet negotiation from the socket's bytes with the common
 * {@link TelnetFilter} and passes on the rest, as heap buffers. Holds the filter's state, so a
 * sequence split across reads is stripped as if it came whole. One instance per channel.
 */
public final class TelnetStripHandler extends ChannelInboundHandlerAdapter {

    private final TelnetFilter telnet = new TelnetFilter();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        ByteBuf data = onHeap(ctx, (ByteBuf) msg);
        int kept = telnet.filter(data.array(), data.arrayOffset() + data.readerIndex(), data.readableBytes());
        data.writerIndex(data.readerIndex() + kept);
        if (kept == 0) {
            data.release(); // it was all negotiation
            return;
        }
        ctx.fireChannelRead(data);
    }

    /**
     * The filter works in place on a {@code byte[]}, and sockets fill direct buffers: copy those
     * once. Input is small next to the output fan-out, so this copy costs little.
     */
    private static ByteBuf onHeap(ChannelHandlerContext ctx, ByteBuf buf) {
        if (buf.hasArray() && !buf.isReadOnly()) {
            return buf;
        }
        try {
            return ctx.alloc().heapBuffer(buf.readableBytes()).writeBytes(buf);
        } finally {
            buf.release();
        }
    }
}
