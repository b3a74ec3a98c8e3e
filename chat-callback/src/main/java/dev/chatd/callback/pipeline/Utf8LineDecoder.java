package dev.chatd.callback.pipeline;

import dev.chatd.common.wire.Utf8;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Turns each line's bytes ({@code byte[]} from {@link LineFrameDecoder}) into a {@code String} with
 * the common {@link Utf8} decoder, which never fails; anything else passes through. Stateless, so
 * one instance may serve every channel.
 */
@Sharable
public final class Utf8LineDecoder extends ChannelInboundHandlerAdapter {

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof byte[]) {
            byte[] line = (byte[]) msg;
            ctx.fireChannelRead(Utf8.decode(line, 0, line.length));
        } else {
            ctx.fireChannelRead(msg);
        }
    }
}
