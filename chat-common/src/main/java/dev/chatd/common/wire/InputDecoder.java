package dev.chatd.common.wire;

import java.util.Objects;

/**
 * The whole input path of one connection in one object: telnet stripping ({@link TelnetFilter}), framing
 * with the line limit ({@link LineFramer}) and UTF-8 decoding ({@link Utf8}), delivering text lines to a
 * {@link TextLineSink}. For servers that read bytes in a loop; a pipeline can use the three parts alone.
 *
 * <p>One instance per connection; not thread-safe.
 */
public final class InputDecoder {

    private final TelnetFilter telnet = new TelnetFilter();
    private final LineFramer framer;
    private final LineSink decodeLines;

    /**
     * @param maxLineBytes longest line, in bytes after telnet stripping and without its line end
     * @param sink         receives every line and overrun, on the thread that feeds
     */
    public InputDecoder(int maxLineBytes, TextLineSink sink) {
        this.framer = new LineFramer(maxLineBytes);
        this.decodeLines = new DecodingSink(Objects.requireNonNull(sink, "sink"));
    }

    /**
     * Reads {@code buf[off..off+len)} as it came from the socket, delivering every line it completes.
     * Telnet stripping works in place, so that range of {@code buf} is overwritten.
     */
    public void feed(byte[] buf, int off, int len) {
        int kept = telnet.filter(buf, off, len);
        framer.feed(buf, off, kept, decodeLines);
    }

    /** The input has ended: delivers the last, unterminated line if there is one (see {@link LineFramer}). */
    public void endOfInput() {
        framer.endOfInput(decodeLines);
    }

    /** The longest line delivered. */
    public int maxLineBytes() {
        return framer.maxLineBytes();
    }

    /** Turns framed byte lines into text lines for the caller's sink. */
    private static final class DecodingSink implements LineSink {
        private final TextLineSink text;

        DecodingSink(TextLineSink text) {
            this.text = text;
        }

        @Override
        public void line(byte[] bytes, int off, int len) {
            text.line(Utf8.decode(bytes, off, len));
        }

        @Override
        public void lineTooLong() {
            text.lineTooLong();
        }
    }
}
