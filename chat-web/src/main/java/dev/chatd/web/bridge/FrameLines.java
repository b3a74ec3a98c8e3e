package dev.chatd.web.bridge;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Turns the text of one WebSocket message from a browser into the lines a chat server reads: each
 * CRLF, CR or LF in it ends a line, and every line is sent with CRLF. A line break at the very end
 * ends the last line rather than starting an empty one, so {@code "hi"} and {@code "hi\n"} are the
 * same one line; an empty message is one empty line, as pressing Enter in telnet is.
 *
 * <p>The text is split as bytes: in UTF-8, CR and LF never occur inside another character.
 */
final class FrameLines {

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final short CRLF = (CR << 8) | LF;

    private FrameLines() {
    }

    /** The lines of {@code text} (UTF-8, not consumed), each ending in CRLF, in a new buffer. */
    static ByteBuf toLines(ByteBuf text, ByteBufAllocator alloc) {
        int from = text.readerIndex();
        int end = text.writerIndex();
        // A lone CR or LF becomes CRLF, so at worst every byte doubles.
        ByteBuf out = alloc.buffer(end - from + 2);
        int lineStart = from;
        for (int i = from; i < end; i++) {
            byte b = text.getByte(i);
            if (b != CR && b != LF) continue;
            out.writeBytes(text, lineStart, i - lineStart).writeShort(CRLF);
            if (b == CR && i + 1 < end && text.getByte(i + 1) == LF) i++;
            lineStart = i + 1;
        }
        if (lineStart < end || end == from) {
            out.writeBytes(text, lineStart, end - lineStart).writeShort(CRLF);
        }
        return out;
    }
}
