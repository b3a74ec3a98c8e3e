package dev.chatd.web.http;

import dev.chatd.web.bridge.BrowserBridge;
import dev.chatd.web.bridge.UpstreamConnector;
import dev.chatd.web.config.WebConfig;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline of a browser's connection: HTTP, the Origin check for {@code /ws}, the WebSocket
 * handshake and frames (capped at the line limit), the page's files, and the bridge to a chat
 * server. After a handshake Netty swaps the HTTP codec for the WebSocket one in place.
 */
public final class BrowserInitializer extends ChannelInitializer<Channel> {

    /** Where the page opens its WebSocket. */
    public static final String WEBSOCKET_PATH = "/ws";
    /** Requests carry no body the gateway wants; a request line and headers fit well within this. */
    private static final int MAX_REQUEST_BYTES = 8 * 1024;
    private static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;
    /**
     * How long a connection may stay silent before it has become a WebSocket: a browser reopens an
     * idle keep-alive connection when it needs one, and a client that opens connections and sends
     * nothing must not hold them for ever. A WebSocket is never timed out here; its chat server
     * decides (the login timeout at the name prompt).
     */
    public static final Duration HTTP_IDLE = Duration.ofSeconds(60);

    private final ChannelGroup channels;
    private final PageHandler page;
    private final OriginCheck originCheck;
    private final UpstreamConnector connector;
    private final WebSocketServerProtocolConfig websocket;
    private final int maxLineBytes;
    private final Duration httpIdle;

    /** @param httpIdle how long a connection may stay silent until it is a WebSocket ({@link #HTTP_IDLE}) */
    public BrowserInitializer(WebConfig config, ChannelGroup channels, PageFiles files, UpstreamConnector connector,
                              Duration httpIdle) {
        this.channels = channels;
        this.page = new PageHandler(files);
        this.connector = connector;
        this.maxLineBytes = config.maxLineBytes();
        this.httpIdle = httpIdle;
        this.originCheck = new OriginCheck(WEBSOCKET_PATH, new OriginPolicy(config.allowedOrigins()));
        this.websocket = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(WEBSOCKET_PATH)
                .checkStartsWith(false)
                .handleCloseFrames(true)
                .dropPongFrames(true)
                .handshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS)
                .decoderConfig(WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(maxLineBytes)
                        .allowExtensions(false)
                        // Off: Netty's decoder and UTF-8 check would write their own close frame
                        // from below WebSocketServerProtocolHandler, which then, not having seen it,
                        // sends a second one (1000 "Bye") when the channel closes. The exception
                        // reaches the bridge either way, and it sends the one close frame (1009
                        // "message too big" as for a message in several frames, 1007 for bad UTF-8).
                        .closeOnProtocolViolation(false)
                        .withUTF8Validator(true)
                        .build())
                .build();
    }

    @Override
    protected void initChannel(Channel channel) {
        channels.add(channel);
        channel.pipeline()
                // Removed by the bridge once the handshake is done.
                .addLast(BrowserBridge.HTTP_IDLE_HANDLER, new IdleStateHandler(httpIdle.toMillis(), 0, 0, TimeUnit.MILLISECONDS))
                .addLast("http", new HttpServerCodec())
                .addLast("http-aggregator", new HttpObjectAggregator(MAX_REQUEST_BYTES))
                .addLast("origin", originCheck)
                .addLast("websocket", new WebSocketServerProtocolHandler(websocket))
                // A message sent in several frames is one line too, so the cap is on the whole.
                .addLast("messages", new WebSocketFrameAggregator(maxLineBytes))
                .addLast("page", page)
                .addLast("bridge", new BrowserBridge(connector));
    }
}
