package dev.chatd.common.wire;

/** Receives what a {@link LineFramer} makes of the input: lines, and notice of lines that were too long. */
public interface LineSink {

    /**
     * One complete input line, without its line end. The bytes may be the caller's own buffer or the
     * framer's, and are valid only during this call: copy or decode them before returning.
     */
    void line(byte[] bytes, int off, int len);

    /** The current line passed the limit; it is being discarded up to and including its line end. */
    void lineTooLong();
}
