package dev.chatd.bench;

import io.netty.buffer.ByteBuf;

/** Takes one received line in place, as a byte range of a buffer that is only valid during the call. */
@FunctionalInterface
public interface LineSink {

    /** A line is {@code buf[from, to)}, without its CR LF. */
    void onLine(ByteBuf buf, int from, int to);
}
