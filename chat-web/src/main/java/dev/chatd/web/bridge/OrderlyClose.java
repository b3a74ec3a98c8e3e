package dev.chatd.web.bridge;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Ends a browser's WebSocket with a FIN, not a reset. A socket closed while bytes from the peer
 * are still unread (the rest of a frame that was refused, or the close frame a browser sends in
 * answer to ours) makes the kernel send RST, and a browser that gets RST may lose the close frame
 * still waiting in its receive buffer. So every close of a WebSocket, whichever handler asks for it
 * (the bridge, Netty's WebSocket handler after a bad frame, the gateway stopping), first sends
 * what is queued (the close frame last), then ends only the output, and goes on reading, and
 * dropping, what the browser still sends until it closes its side, which closes the channel (half
 * closure is off). That is RFC 6455's order: the close frames, then the server's side of TCP first.
 *
 * <p>A browser that does not close within {@link #LINGER} is closed anyway, and one that is not
 * reading (its output backed up past the high water mark, so it would not see the FIN) is closed
 * at once. First in the pipeline of a WebSocket, so that it sees every close.
 */
final class OrderlyClose extends ChannelOutboundHandlerAdapter {

    /** Its pipeline name. */
    static final String NAME = "orderly-close";
    /**
     * How long a browser has to close its side after the gateway's FIN; shorter than the gateway's
     * wait for its browsers when it stops, so that one that never answers does not outlast it.
     */
    static final Duration LINGER = Duration.ofSeconds(1);

    private boolean closing;

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        Channel channel = ctx.channel();
        if (!closing) {
            if (!channel.isActive() || !channel.isWritable() || !(channel instanceof DuplexChannel duplex)) {
                ctx.close(promise);
                return;
            }
            closing = true;
            var deadline = ctx.executor().schedule(() -> ctx.close(), LINGER.toMillis(), TimeUnit.MILLISECONDS);
            channel.closeFuture().addListener(closed -> deadline.cancel(false));
            channel.config().setAutoRead(true); // the bridge may have paused reading: the browser's FIN must be read
            // Completes once everything written before it is out, the close frame included.
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(written -> {
                if (written.isSuccess()) duplex.shutdownOutput();
                else ctx.close();
            });
        }
        // A close asked for again while lingering (Netty's handler and the bridge's listener both
        // close) completes with the real one.
        channel.closeFuture().addListener(closed -> promise.trySuccess());
    }
}
