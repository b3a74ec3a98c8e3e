package dev.chatd.common.wire;

import java.util.Arrays;
import java.util.Objects;

/**
 * Cuts one connection's input, telnet negotiation already stripped, into lines. Feed it bytes as they
 * arrive, in chunks of any size; it reports to a {@link LineSink}:
 * <ul>
 *   <li><b>Line end:</b> LF, CR LF or CR NUL. A CR followed by any other byte ends the line too, and that
 *       byte starts the next line. The line is delivered as soon as its CR arrives; only the question
 *       whether the next byte belongs to the line end waits for that byte, even across calls.</li>
 *   <li><b>Line:</b> {@code line(...)} once per line, in order, without its line end. Empty lines are
 *       delivered too; what they mean is the protocol's business.</li>
 *   <li><b>Limit:</b> a line of up to {@code maxLineBytes} bytes, line end not counted, is delivered. When a
 *       line's byte number {@code maxLineBytes + 1} arrives, {@code lineTooLong()} is called at once, once for
 *       that line; the line is discarded up to and including its line end, however many calls later that
 *       comes, and the next line is read normally.</li>
 *   <li><b>End of input:</b> {@link #endOfInput} delivers a non-empty partial line as
 *       {@code unterminatedLine(...)}. An empty partial line, or one already reported too long, delivers
 *       nothing more.</li>
 * </ul>
 *
 * <p>Memory: an idle connection holds no line buffer, or a small one. A partial line is buffered in an array
 * that grows only as the line needs it, never beyond {@code maxLineBytes}, and that is let go after a long
 * line. Speed: a complete line lying wholly inside one fed chunk, with nothing buffered before it, is handed
 * to the sink straight from the caller's array, without copying or allocating.
 *
 * <p>One instance per connection; not thread-safe, and the sink must not feed the same framer again. If the
 * sink throws, the rest of that chunk is not read.
 */
public final class LineFramer {

    /** Largest line buffer kept once its line is done; a longer line's buffer is let go. */
    static final int SMALL_CAPACITY = 128;

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte NUL = 0;
    private static final byte[] NO_BUFFER = new byte[0];

    private final int maxLineBytes;
    private byte[] partial = NO_BUFFER;
    private int partialLength;
    /** The last byte was a CR that ended a line: a LF or NUL next is part of that line end. */
    private boolean afterCr;
    /** Inside a line already reported too long: skip to its line end. */
    private boolean discarding;

    /** @param maxLineBytes the longest line delivered, in bytes without its line end; at least 1 */
    public LineFramer(int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("max line must be at least 1 byte: " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
    }

    /** Reads {@code buf[off..off+len)}, calling the sink for every line (or overrun) it completes. */
    public void feed(byte[] buf, int off, int len, LineSink sink) {
        Objects.checkFromIndexSize(off, len, buf.length);
        int end = off + len;
        int pos = off;
        while (pos < end) {
            if (afterCr) {
                afterCr = false;
                if (buf[pos] == LF || buf[pos] == NUL) {
                    pos++;
                    continue;
                }
            }
            int lineEnd = indexOfLineEnd(buf, pos, end);
            if (lineEnd == end) {
                keepPartial(buf, pos, end - pos, sink);
                return;
            }
            afterCr = buf[lineEnd] == CR;
            completeLine(buf, pos, lineEnd - pos, sink);
            pos = lineEnd + 1;
        }
    }

    /**
     * The connection's input has ended: delivers the partial line, if there is one worth delivering, and
     * leaves the framer as new.
     */
    public void endOfInput(LineSink sink) {
        boolean deliver = !discarding && partialLength > 0;
        byte[] line = partial;
        int length = partialLength;
        partial = NO_BUFFER;
        partialLength = 0;
        afterCr = false;
        discarding = false;
        if (deliver) {
            sink.unterminatedLine(line, 0, length);
        }
    }

    /** The longest line this framer delivers. */
    public int maxLineBytes() {
        return maxLineBytes;
    }

    /** Capacity of the partial-line buffer now held; for tests of the idle-memory promise. */
    int bufferCapacity() {
        return partial.length;
    }

    private static int indexOfLineEnd(byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = buf[i];
            if (b == LF || b == CR) {
                return i;
            }
        }
        return to;
    }

    /** The bytes before a line end: with what is buffered, they make one line (or the end of an overrun). */
    private void completeLine(byte[] buf, int from, int length, LineSink sink) {
        if (discarding) {
            discarding = false;
            return;
        }
        if (length > maxLineBytes - partialLength) {
            releasePartial();
            sink.lineTooLong();
            return;
        }
        if (partialLength == 0) {
            sink.line(buf, from, length);
            return;
        }
        append(buf, from, length);
        byte[] line = partial;
        int lineLength = partialLength;
        releasePartial();
        sink.line(line, 0, lineLength);
    }

    /** The bytes after the last line end in a chunk: the start of a line still to be finished. */
    private void keepPartial(byte[] buf, int from, int length, LineSink sink) {
        if (discarding) {
            return;
        }
        if (length > maxLineBytes - partialLength) {
            releasePartial();
            discarding = true;
            sink.lineTooLong();
            return;
        }
        append(buf, from, length);
    }

    private void append(byte[] src, int from, int length) {
        int needed = partialLength + length;
        if (needed > partial.length) {
            // Double, so a long line arriving in small pieces is copied O(n) times in total, not O(n^2).
            long doubled = Math.max(2L * partial.length, SMALL_CAPACITY);
            int capacity = (int) Math.max(needed, Math.min(doubled, maxLineBytes));
            partial = Arrays.copyOf(partial, capacity);
        }
        System.arraycopy(src, from, partial, partialLength, length);
        partialLength = needed;
    }

    /** Forgets the partial line, keeping its buffer only if it is small. */
    private void releasePartial() {
        partialLength = 0;
        if (partial.length > SMALL_CAPACITY) {
            partial = NO_BUFFER;
        }
    }
}
