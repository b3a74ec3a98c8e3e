package dev.chatd.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.List;

/**
 * Lets a {@link BenchUser} talk to the web gateway as it talks to a chat server: each text frame
 * from the gateway (one server line, or the prompt) becomes those bytes followed by LF, except the
 * prompt, which stays without a line end as the server sends it; each line the user writes goes
 * out as a text frame of its own, as the web page sends them.
 */
final class WebSocketLines extends MessageToMessageCodec<TextWebSocketFrame, ByteBuf> {

    private static final byte LF = '\n';
    private static final byte CR = '\r';
    private static final byte[] PROMPT = Bytes.ascii("Username: ");

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf lines, List<Object> out) {
        int from = lines.readerIndex();
        int end = lines.writerIndex();
        while (from < end) {
            int lf = lines.indexOf(from, end, LF);
            int lineEnd = lf < 0 ? end : lf;
            int to = lineEnd > from && lines.getByte(lineEnd - 1) == CR ? lineEnd - 1 : lineEnd;
            out.add(new TextWebSocketFrame(lines.retainedSlice(from, to - from)));
            from = lineEnd + 1;
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, TextWebSocketFrame frame, List<Object> out) {
        ByteBuf text = frame.content();
        boolean prompt = Bytes.equals(text, text.readerIndex(), text.writerIndex(), PROMPT);
        ByteBuf line = ctx.alloc().buffer(text.readableBytes() + 1).writeBytes(text, text.readerIndex(), text.readableBytes());
        if (!prompt) line.writeByte(LF);
        out.add(line);
    }
}
