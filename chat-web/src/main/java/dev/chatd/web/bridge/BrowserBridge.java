package dev.chatd.web.bridge;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The browser's side of a {@link Bridge}: once the WebSocket handshake is done it connects the
 * upstream, and then passes every text message on as lines ({@link FrameLines}). Binary messages
 * are no chat lines and end the WebSocket; so does a message over the line limit. Reading from the
 * browser is off until the upstream is connected, and the few lines that arrived before are held
 * and sent first.
 */
public final class BrowserBridge extends ChannelInboundHandlerAdapter {

    /** The pipeline name of the idle timeout that holds until the handshake; the bridge removes it then. */
    public static final String HTTP_IDLE_HANDLER = "http-idle";

    private static final Logger log = LoggerFactory.getLogger(BrowserBridge.class);

    private final UpstreamConnector connector;
    private Bridge bridge;
    private Channel upstream;
    private final List<ByteBuf> early = new ArrayList<>();

    public BrowserBridge(UpstreamConnector connector) {
        this.connector = connector;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            // From now on only the chat server decides how long a silent user may stay.
            if (ctx.pipeline().get(HTTP_IDLE_HANDLER) != null) ctx.pipeline().remove(HTTP_IDLE_HANDLER);
            // Every close of the WebSocket from now on ends with the browser's FIN, not a reset.
            ctx.pipeline().addFirst(OrderlyClose.NAME, new OrderlyClose());
            connect(ctx);
        } else if (event instanceof IdleStateEvent && bridge == null) {
            ctx.close(); // a connection that never became a WebSocket and went quiet
        } else if (event == GatewayShutdown.INSTANCE) {
            if (bridge != null) bridge.shutdown();
            else ctx.close();
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    private void connect(ChannelHandlerContext ctx) {
        Channel browser = ctx.channel();
        bridge = new Bridge(browser);
        browser.config().setAutoRead(false);
        connector.connect(bridge, browser).addListener(done -> {
            if (!done.isSuccess()) {
                releaseEarly();
                bridge.upstreamUnavailable(done.cause().getMessage());
                return;
            }
            upstream = (Channel) done.getNow();
            bridge.connected(upstream);
            for (ByteBuf lines : early) upstream.write(lines, upstream.voidPromise());
            early.clear();
            upstream.flush();
            browser.config().setAutoRead(upstream.isWritable());
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof WebSocketFrame frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            // Once the bridge has ended, what the browser still sends until it closes is dropped.
            if (bridge != null && !bridge.isOpen()) return;
            if (!(frame instanceof TextWebSocketFrame)) {
                bridge.fail(WebSocketCloseStatus.INVALID_MESSAGE_TYPE, "only text messages are chat lines");
                return;
            }
            ByteBuf lines = FrameLines.toLines(frame.content(), ctx.alloc());
            if (upstream == null) {
                early.add(lines);
            } else {
                upstream.writeAndFlush(lines, upstream.voidPromise());
            }
        } finally {
            ReferenceCountUtil.release(frame);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseEarly();
        if (bridge != null) bridge.browserClosed();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (bridge == null) {
            // A plain HTTP request went wrong (or the handshake did); there is nothing to bridge.
            if (!(cause instanceof IOException)) log.debug("http connection failed", cause);
            ctx.close();
        } else if (cause instanceof TooLongFrameException) {
            bridge.fail(WebSocketCloseStatus.MESSAGE_TOO_BIG, "message too big");
        } else if (cause instanceof CorruptedWebSocketFrameException bad) {
            // Netty's frame decoder (a frame over the cap) or its UTF-8 check refused a frame; it
            // sends no close frame of its own (closeOnProtocolViolation is off), this one is the only one.
            bridge.fail(bad.closeStatus(), bad.closeStatus().equals(WebSocketCloseStatus.MESSAGE_TOO_BIG)
                    ? "message too big" : "bad frame: " + bad.getMessage());
        } else if (cause instanceof IOException) {
            bridge.browserClosed();
            ctx.close();
        } else {
            log.warn("websocket failed", cause);
            bridge.fail(WebSocketCloseStatus.INTERNAL_SERVER_ERROR, "gateway error");
        }
    }

    private void releaseEarly() {
        for (ByteBuf lines : early) lines.release();
        early.clear();
    }
}
