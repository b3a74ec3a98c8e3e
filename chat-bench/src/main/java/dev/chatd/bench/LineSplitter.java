package dev.chatd.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Splits one connection's received bytes into lines ending in LF (a CR before it is dropped) and
 * hands each to a {@link LineSink} in place: complete lines are never copied, only the unfinished
 * tail of a read is kept until the next one. One per connection, used on its event loop.
 */
public final class LineSplitter {

    private static final byte LF = '\n';
    private static final byte CR = '\r';
    /** A tail buffer grown past this (a long user list) is dropped once used, so idle users stay small. */
    private static final int KEEP_CAPACITY = 1024;

    private byte[] tail = new byte[64];
    private int tailLength;
    private ByteBuf tailView = Unpooled.wrappedBuffer(tail);

    /** Hands every complete line in {@code in} to {@code sink} and keeps the rest; consumes all of {@code in}. */
    public void feed(ByteBuf in, LineSink sink) {
        int from = in.readerIndex();
        int end = in.writerIndex();
        if (tailLength > 0) {
            int lf = in.indexOf(from, end, LF);
            if (lf < 0) {
                appendToTail(in, from, end);
                in.readerIndex(end);
                return;
            }
            appendToTail(in, from, lf);
            int lineEnd = tailLength;
            tailLength = 0; // before the sink runs: it may look at the tail
            deliver(tailView, 0, lineEnd, sink);
            if (tail.length > KEEP_CAPACITY) shrinkTail();
            from = lf + 1;
        }
        while (from < end) {
            int lf = in.indexOf(from, end, LF);
            if (lf < 0) break;
            deliver(in, from, lf, sink);
            from = lf + 1;
        }
        if (from < end) appendToTail(in, from, end);
        in.readerIndex(end);
    }

    /** Whether the bytes received after the last line end are exactly {@code expected} (a prompt). */
    public boolean tailEquals(byte[] expected) {
        if (tailLength != expected.length) return false;
        for (int i = 0; i < tailLength; i++) {
            if (tail[i] != expected[i]) return false;
        }
        return true;
    }

    /** Forgets the unfinished tail, e.g. once a prompt in it has been answered. */
    public void clearTail() {
        tailLength = 0;
    }

    private static void deliver(ByteBuf buf, int from, int lf, LineSink sink) {
        int to = lf > from && buf.getByte(lf - 1) == CR ? lf - 1 : lf;
        sink.onLine(buf, from, to);
    }

    private void appendToTail(ByteBuf in, int from, int to) {
        int n = to - from;
        if (tailLength + n > tail.length) {
            byte[] bigger = new byte[Math.max(tail.length * 2, tailLength + n)];
            System.arraycopy(tail, 0, bigger, 0, tailLength);
            tail = bigger;
            tailView = Unpooled.wrappedBuffer(tail);
        }
        in.getBytes(from, tail, tailLength, n);
        tailLength += n;
    }

    private void shrinkTail() {
        tail = new byte[64];
        tailView = Unpooled.wrappedBuffer(tail);
    }
}
