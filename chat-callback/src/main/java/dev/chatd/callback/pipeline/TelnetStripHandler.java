package dev.chatd.callback.pipeline;

import dev.chatd.common.wire.TelnetEvent;
import dev.chatd.common.wire.TelnetFilter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * First in the pipeline: takes telnet commands out of the socket's bytes with the common
 * {@link TelnetFilter} and passes on the data between them, as heap buffers, with each command's
 * {@link TelnetEvent} as a message of its own at its place in between. So the events travel
 * through framing and throttling in input order, and {@link ChatProtocolHandler} answers each
 * after the lines before it. Holds the filter's state, so a sequence split across reads is read
 * as if it came whole. One instance per channel.
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
        try {
            telnet.feed(data.array(), data.arrayOffset() + data.readerIndex(), data.readableBytes(), new Forward(ctx, data));
        } finally {
            data.release();
        }
    }

    /** Passes each data run on as a slice of the read buffer, each event as itself. */
    private static final class Forward implements TelnetFilter.Sink {
        private final ChannelHandlerContext ctx;
        private final ByteBuf data;

        Forward(ChannelHandlerContext ctx, ByteBuf data) {
            this.ctx = ctx;
            this.data = data;
        }

        @Override
        public void data(byte[] buf, int off, int len) {
            ctx.fireChannelRead(data.retainedSlice(off - data.arrayOffset(), len));
        }

        @Override
        public void telnet(TelnetEvent event) {
            ctx.fireChannelRead(event);
        }
    }

    /**
     * The filter reads a {@code byte[]}, and sockets fill direct buffers: copy those once. Input is
     * small next to the output fan-out, so this copy costs little.
     */
    private static ByteBuf onHeap(ChannelHandlerContext ctx, ByteBuf buf) {
        if (buf.hasArray()) {
            return buf;
        }
        try {
            return ctx.alloc().heapBuffer(buf.readableBytes()).writeBytes(buf);
        } finally {
            buf.release();
        }
    }
}
