package dev.chatd.common.wire;

/** Receives what a {@link LineFramer} makes of the input: lines, notice of lines that were too long,
 * and the unterminated last line when input ends. */
public interface LineSink {

    /**
     * One complete input line, without its line end. The bytes may be the caller's own buffer or the
     * framer's, and are valid only during this call: copy or decode them before returning.
     */
    void line(byte[] bytes, int off, int len);

    /** The current line passed the limit; it is being discarded up to and including its line end. */
    void lineTooLong();

    /**
     * The input ended in the middle of a line: these are its bytes, as for {@link #line}. Whether it
     * counts is the protocol's business (after login it does; at the name prompt it does not).
     */
    void unterminatedLine(byte[] bytes, int off, int len);
}
