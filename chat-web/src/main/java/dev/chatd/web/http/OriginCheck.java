package dev.chatd.web.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;

/**
 * Answers 403 to a request for the WebSocket path whose {@code Origin} the {@link OriginPolicy}
 * refuses, before the handshake; every other message passes on untouched.
 */
@ChannelHandler.Sharable
final class OriginCheck extends ChannelInboundHandlerAdapter {

    private final String websocketPath;
    private final OriginPolicy policy;

    OriginCheck(String websocketPath, OriginPolicy policy) {
        this.websocketPath = websocketPath;
        this.policy = policy;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest request
                && new QueryStringDecoder(request.uri()).path().equals(websocketPath)
                && !policy.allows(request.headers().get(HttpHeaderNames.ORIGIN), request.headers().get(HttpHeaderNames.HOST))) {
            try {
                Responses.sendText(ctx, request, HttpResponseStatus.FORBIDDEN, "origin not allowed");
            } finally {
                request.release();
            }
            return;
        }
        ctx.fireChannelRead(msg);
    }
}
