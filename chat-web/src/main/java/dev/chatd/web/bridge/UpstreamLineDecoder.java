package dev.chatd.web.bridge;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Cuts a chat server's output into what the browser gets as one text frame each: every line
 * without its CRLF, and the {@code Username: } prompt, which PROTOCOL.md sends with no line end.
 * Emits retained slices of the bytes read, without copying.
 *
 * <p>The prompt is recognised as bytes {@code Username: } standing alone after the last line end
 * once everything that has arrived is decoded: the server writes it last and then waits for a
 * name. This is framing, not chat logic; it knows no state of the conversation. (A room line that
 * begins with those very bytes, from a user named {@code Username}, and that TCP splits right
 * after them would be taken for a prompt; only text-mode lines can, and the page reads JSON.)
 */
final class UpstreamLineDecoder extends ByteToMessageDecoder {

    static final byte[] PROMPT = "Username: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte LF = '\n';
    private static final byte CR = '\r';

    private final int maxLineBytes;

    /** @param maxLineBytes a server line longer than this ends the connection, bounding what one line may hold */
    UpstreamLineDecoder(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int lf = in.indexOf(start, in.writerIndex(), LF);
        if (lf < 0) {
            if (isPrompt(in)) {
                out.add(in.readRetainedSlice(PROMPT.length));
            } else if (in.readableBytes() > maxLineBytes) {
                throw tooLong(in);
            }
            return;
        }
        int end = lf > start && in.getByte(lf - 1) == CR ? lf - 1 : lf;
        if (end - start > maxLineBytes) {
            throw tooLong(in);
        }
        out.add(in.readRetainedSlice(end - start));
        in.readerIndex(lf + 1);
    }

    /** The connection is closed for it; what was read is dropped so the close does not find it again. */
    private TooLongFrameException tooLong(ByteBuf in) {
        in.skipBytes(in.readableBytes());
        return new TooLongFrameException("chat server line longer than " + maxLineBytes + " bytes");
    }

    private static boolean isPrompt(ByteBuf in) {
        if (in.readableBytes() != PROMPT.length) return false;
        int at = in.readerIndex();
        for (int i = 0; i < PROMPT.length; i++) {
            if (in.getByte(at + i) != PROMPT[i]) return false;
        }
        return true;
    }
}
