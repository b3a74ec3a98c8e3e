package dev.chatd.common.wire;

import java.util.Objects;

/**
 * The whole input path of one connection in one object: telnet commands out and their requests
 * noted ({@link TelnetFilter}), framing with the line limit ({@link LineFramer}) and UTF-8 decoding
 * ({@link Utf8}), delivering text lines and telnet requests, in input order, to a
 * {@link TextLineSink}. For servers that read bytes in a loop; a pipeline can use the parts alone.
 *
 * <p>One instance per connection; not thread-safe.
 */
public final class InputDecoder {

    private final TelnetFilter telnet = new TelnetFilter();
    private final LineFramer framer;
    private final LineSink decodeLines;
    private final TelnetFilter.Sink frameData;

    /**
     * @param maxLineBytes longest line, in bytes after telnet stripping and without its line end
     * @param sink         receives every line, overrun and telnet request, on the thread that feeds
     */
    public InputDecoder(int maxLineBytes, TextLineSink sink) {
        Objects.requireNonNull(sink, "sink");
        this.framer = new LineFramer(maxLineBytes);
        this.decodeLines = new DecodingSink(sink);
        this.frameData = new TelnetFilter.Sink() {
            @Override
            public void data(byte[] buf, int off, int len) {
                framer.feed(buf, off, len, decodeLines);
            }

            @Override
            public void telnet(TelnetEvent event) {
                sink.telnet(event);
            }
        };
    }

    /** Reads {@code buf[off..off+len)} as it came from the socket, delivering everything it completes. */
    public void feed(byte[] buf, int off, int len) {
        telnet.feed(buf, off, len, frameData);
    }

    /** The input has ended: delivers the unterminated last line if there is one (see {@link LineFramer}). */
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

        @Override
        public void unterminatedLine(byte[] bytes, int off, int len) {
            text.unterminatedLine(Utf8.decode(bytes, off, len));
        }
    }
}
