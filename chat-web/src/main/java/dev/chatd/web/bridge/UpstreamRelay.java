package dev.chatd.web.bridge;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat server's side of a {@link Bridge}: each line (or prompt) from the server becomes one
 * text frame to the browser, flushed once per read so a burst leaves in few writes. After each
 * flush, a browser that still has more than the output limit waiting (its channel unwritable, the
 * high water mark being that limit) is cut as too slow, as the servers cut a slow telnet user.
 * While the server is not taking input (its rate limit, TCP backpressure), reading from the
 * browser pauses, so the browser is held back the same way.
 */
final class UpstreamRelay extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(UpstreamRelay.class);

    private final Bridge bridge;
    private final Channel browser;

    UpstreamRelay(Bridge bridge, Channel browser) {
        this.bridge = bridge;
        this.browser = browser;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!bridge.isOpen()) {
            // The browser is gone or closing: a write would only fail (with an exception each).
            ((ByteBuf) msg).release();
            return;
        }
        browser.write(new TextWebSocketFrame((ByteBuf) msg), browser.voidPromise());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!bridge.isOpen()) return;
        browser.flush();
        if (!browser.isWritable()) bridge.tooSlow();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        // Once the bridge has ended, the browser is read until it closes (OrderlyClose), whatever the upstream does.
        if (bridge.isOpen()) browser.config().setAutoRead(ctx.channel().isWritable());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        bridge.upstreamClosed();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) log.warn("chat server connection failed", cause);
        ctx.close(); // then channelInactive ends the bridge
    }
}
