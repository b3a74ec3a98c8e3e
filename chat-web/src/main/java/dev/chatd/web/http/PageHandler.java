package dev.chatd.web.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.Optional;

/**
 * Serves the page's files for {@code GET} and {@code HEAD}; every other path is 404 and every
 * other method 405. Requests for {@code /ws} never get here: the WebSocket handler before it
 * takes them.
 */
@ChannelHandler.Sharable
final class PageHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private final PageFiles files;

    PageHandler(PageFiles files) {
        this.files = files;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            Responses.sendText(ctx, request, HttpResponseStatus.BAD_REQUEST, "bad request");
            return;
        }
        if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
            Responses.sendMethodNotAllowed(ctx, request, "GET, HEAD");
            return;
        }
        Optional<PageFile> file = files.find(new QueryStringDecoder(request.uri()).path());
        if (file.isEmpty()) {
            Responses.sendText(ctx, request, HttpResponseStatus.NOT_FOUND, "not found");
            return;
        }
        Responses.send(ctx, request, HttpResponseStatus.OK, file.get().content().retainedDuplicate(),
                file.get().contentType());
    }
}
