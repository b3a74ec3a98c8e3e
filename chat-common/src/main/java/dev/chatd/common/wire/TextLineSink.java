package dev.chatd.common.wire;

/** Receives what an {@link InputDecoder} makes of a connection's input: text lines, overruns, the
 * unterminated last line, and telnet requests, all in input order. */
public interface TextLineSink {

    /** One input line, decoded, without its line end; not yet sanitised. */
    void line(String line);

    /** A line passed the limit and is being discarded; the client should be told. */
    void lineTooLong();

    /** The input ended in the middle of a line: that line, decoded (see {@link LineSink#unterminatedLine}). */
    void unterminatedLine(String line);

    /** A telnet command's request, at its place among the lines ({@link TelnetFilter}). */
    void telnet(TelnetEvent event);
}
