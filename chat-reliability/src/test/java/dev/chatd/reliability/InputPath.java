package dev.chatd.reliability;

import java.util.List;

/** One server's way from socket reads to lines, driven with a fuzz case's reads and then EOF. */
interface InputPath {

    /** A name for failure messages. */
    String name();

    /** Lines (Strings) and {@link Decoded#LINE_TOO_LONG} markers, in order, the input ended by EOF. */
    List<Object> decode(List<byte[]> reads, int maxLineBytes) throws Exception;
}
