package dev.chatd.web.bridge;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.net.SocketAddress;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One browser's WebSocket and its one TCP connection to a chat server, and the rule that ties
 * their ends together: whichever side ends, or whatever goes wrong, both are closed, the first
 * reason is the one logged, and nothing stays open. Both channels run on the browser's event
 * loop, so this needs no locking.
 *
 * <p>Logs one INFO line when the WebSocket opens and one when it ends, like the servers'
 * connection log, and nothing per line:
 * <pre>
 * websocket opened remote=203.0.113.7:51234 upstream=127.0.0.1:4455
 * websocket closed remote=203.0.113.7:51234 reason="browser closed" duration=754.210s
 * </pre>
 */
final class Bridge {

    private static final Logger log = LoggerFactory.getLogger(Bridge.class);

    private final Channel browser;
    private final long openedNanos = System.nanoTime();
    private Channel upstream;
    private String endReason;

    Bridge(Channel browser) {
        this.browser = browser;
    }

    /** Whether neither side has ended yet: once one has, nothing more is relayed. */
    boolean isOpen() {
        return endReason == null;
    }

    /** The upstream connection is up; if the browser went away meanwhile, it is closed at once. */
    void connected(Channel upstream) {
        this.upstream = upstream;
        log.info("websocket opened remote={} upstream={}", address(browser.remoteAddress()), address(upstream.remoteAddress()));
        if (endReason != null) upstream.close();
    }

    /** The browser's connection is gone (it closed the WebSocket, or TCP ended): the upstream follows once what the browser sent is out. */
    void browserClosed() {
        if (end("browser closed") && upstream != null) {
            upstream.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** The chat server closed: the browser gets everything it sent first, then a normal close. */
    void upstreamClosed() {
        if (end("chat server closed")) {
            closeBrowser(WebSocketCloseStatus.NORMAL_CLOSURE, "chat server closed the connection");
        }
    }

    /**
     * The browser let more than the output limit wait unsent: it is cut without a close frame
     * (it is not reading, so one would only queue), and the chat server sees the user leave.
     */
    void tooSlow() {
        if (end("too slow")) {
            browser.close();
            if (upstream != null) upstream.close();
        }
    }

    /** No chat server could be reached for this browser. */
    void upstreamUnavailable(String why) {
        if (end("chat server unavailable: " + why)) {
            closeBrowser(WebSocketCloseStatus.TRY_AGAIN_LATER, "chat server unavailable");
        }
    }

    /** The gateway is stopping: the browser is told so (and may reconnect elsewhere). */
    void shutdown() {
        if (end("gateway shutting down")) {
            closeBrowser(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, "gateway shutting down");
            if (upstream != null) upstream.close();
        }
    }

    /** The browser broke a rule or an error happened: the browser gets {@code status}, both close. */
    void fail(WebSocketCloseStatus status, String reason) {
        if (end(reason)) {
            closeBrowser(status, reason);
            if (upstream != null) upstream.close();
        }
    }

    /** Records the first reason; false when the bridge had already ended. */
    private boolean end(String reason) {
        if (endReason != null) return false;
        endReason = reason;
        log.info("websocket closed remote={} reason=\"{}\" duration={}s", address(browser.remoteAddress()), reason,
                String.format(Locale.ROOT, "%.3f", (System.nanoTime() - openedNanos) / 1e9));
        return true;
    }

    private void closeBrowser(WebSocketCloseStatus status, String reason) {
        if (!browser.isActive()) return;
        browser.writeAndFlush(new CloseWebSocketFrame(status, reason)).addListener(ChannelFutureListener.CLOSE);
    }

    private static String address(SocketAddress address) {
        return address == null ? "-" : address.toString().replaceFirst("^[^/]*/", "");
    }
}
