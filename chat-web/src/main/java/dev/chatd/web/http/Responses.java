package dev.chatd.web.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** Writes complete HTTP responses, each with the {@link SecurityHeaders}, keeping the connection open when the client asked. */
final class Responses {

    private Responses() {
    }

    /** A short plain-text response, e.g. {@code 404 not found}. */
    static void sendText(ChannelHandlerContext ctx, HttpRequest request, HttpResponseStatus status, String text) {
        ByteBuf body = Unpooled.copiedBuffer(text + "\n", StandardCharsets.UTF_8);
        send(ctx, request, status, body, "text/plain; charset=utf-8");
    }

    /** 405, with the {@code Allow} header naming the methods that work. */
    static void sendMethodNotAllowed(ChannelHandlerContext ctx, HttpRequest request, String allowed) {
        ByteBuf body = Unpooled.copiedBuffer("method not allowed\n", StandardCharsets.UTF_8);
        FullHttpResponse response = response(request, HttpResponseStatus.METHOD_NOT_ALLOWED, body, "text/plain; charset=utf-8");
        response.headers().set(HttpHeaderNames.ALLOW, allowed);
        write(ctx, request, response);
    }

    /** {@code body} with {@code contentType}; a HEAD request gets the headers only. */
    static void send(ChannelHandlerContext ctx, HttpRequest request, HttpResponseStatus status, ByteBuf body,
                     String contentType) {
        write(ctx, request, response(request, status, body, contentType));
    }

    private static FullHttpResponse response(HttpRequest request, HttpResponseStatus status, ByteBuf body,
                                             String contentType) {
        boolean head = request.method().equals(HttpMethod.HEAD);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                head ? Unpooled.EMPTY_BUFFER : body);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        if (head) body.release();
        SecurityHeaders.addTo(response.headers());
        return response;
    }

    /** Keeps the connection for the next request when the client asked and all went well; else closes it. */
    private static void write(ChannelHandlerContext ctx, HttpRequest request, FullHttpResponse response) {
        boolean keepAlive = HttpUtil.isKeepAlive(request) && response.status().code() < 400;
        if (keepAlive) {
            if (!request.protocolVersion().isKeepAliveDefault()) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            }
            ctx.writeAndFlush(response, ctx.voidPromise());
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
