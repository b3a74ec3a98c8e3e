package dev.chatd.common.wire;

/** Receives what an {@link InputDecoder} makes of a connection's input: text lines, and overruns. */
public interface TextLineSink {

    /** One input line, decoded, without its line end; not yet sanitised. */
    void line(String line);

    /** A line passed the limit and is being discarded; the client should be told. */
    void lineTooLong();
}
