package dev.chatd.bench;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import java.net.URI;

/**
 * How a simulated user reaches its server: straight over TCP, or through the web gateway's
 * WebSocket at {@code /ws}, framed as the web page frames it (Netty's WebSocket client codec).
 */
final class WebSocketPipeline {

    /** Room for the longest line a server sends (a long users line) in one frame. */
    private static final int MAX_FRAME_BYTES = 16 * 1024 * 1024;

    private WebSocketPipeline() {
    }

    /** The handler for a user's channel: the user itself over TCP, or the WebSocket codecs before it. */
    static ChannelHandler around(BenchUser user, URI websocket) {
        if (websocket == null) return user;
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(websocket)
                .maxFramePayloadLength(MAX_FRAME_BYTES)
                .handleCloseFrames(true)
                .dropPongFrames(true)
                .build();
        return new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel channel) {
                channel.pipeline()
                        .addLast(new HttpClientCodec())
                        .addLast(new HttpObjectAggregator(8192))
                        .addLast(new WebSocketClientProtocolHandler(config))
                        .addLast(new WebSocketLines())
                        .addLast(user);
            }
        };
    }
}
