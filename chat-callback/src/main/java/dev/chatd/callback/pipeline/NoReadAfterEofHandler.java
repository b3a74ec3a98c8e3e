package dev.chatd.callback.pipeline;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;

/**
 * Drops read requests once the client's input has ended: there is nothing left to read, and on
 * Netty 4.2's epoll transport such a request can fail. (Once a half-closed socket has no interest
 * left, Netty takes it out of epoll but still believes it registered, so re-adding read interest
 * fails with {@code epoll_ctl(..) ENOENT} and closes the channel before what it is owed is sent.)
 * Sits next to the head, so it sees every read request. Stateless.
 */
@Sharable
public final class NoReadAfterEofHandler extends ChannelOutboundHandlerAdapter {

    @Override
    public void read(ChannelHandlerContext ctx) {
        if (ctx.channel() instanceof DuplexChannel && ((DuplexChannel) ctx.channel()).isInputShutdown()) {
            return;
        }
        ctx.read();
    }
}
