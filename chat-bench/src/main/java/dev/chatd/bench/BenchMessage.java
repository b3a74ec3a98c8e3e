package dev.chatd.bench;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * The text of a benchmark message and its parsing back out of a received room line, both
 * straight on bytes so that neither side makes a String per line.
 *
 * <p>A sender writes {@code <sender> <seq> <sentNanos>[ xxx…]\n}: its sender index, its own
 * sequence number (from 0) and its send time in nanoseconds since the run's time base, padded with
 * {@code x} to the requested text size. Everyone in the room, the sender included, then receives
 * {@code <name>: <text>\r\n}; {@link #parse} reads the three numbers from that line.
 */
public final class BenchMessage {

    /** The longest header: two ints and a long, in decimal, with two spaces. */
    public static final int MAX_HEADER_BYTES = 10 + 1 + 10 + 1 + 19;
    private static final byte[] PADDING = filled(4096, (byte) 'x');

    private BenchMessage() {
    }

    /**
     * Writes one message line, with its LF, to {@code out}.
     *
     * @param textBytes the size of the text without the line end; a text shorter than the header
     *                  is sent as the header alone, one longer is padded
     * @param scratch   at least 20 bytes of room for decimal digits, reused to avoid garbage
     */
    public static void encode(ByteBuf out, int sender, int seq, long sentNanos, int textBytes, byte[] scratch) {
        if (sender < 0 || seq < 0 || sentNanos < 0) throw new IllegalArgumentException("numbers must not be negative");
        int start = out.writerIndex();
        writeDecimal(out, sender, scratch);
        out.writeByte(' ');
        writeDecimal(out, seq, scratch);
        out.writeByte(' ');
        writeDecimal(out, sentNanos, scratch);
        int pad = textBytes - (out.writerIndex() - start) - 1;
        if (pad > 0) {
            out.writeByte(' ');
            while (pad > 0) {
                int n = Math.min(pad, PADDING.length);
                out.writeBytes(PADDING, 0, n);
                pad -= n;
            }
        }
        out.writeByte('\n');
    }

    /**
     * Parses a room line {@code <name>: <sender> <seq> <sentNanos>…} held in
     * {@code buf[from, to)} (without its line end) into {@code into}.
     *
     * @return false if the line is not a benchmark message (nothing in {@code into} is then valid)
     */
    public static boolean parse(ByteBuf buf, int from, int to, ParsedMessage into) {
        // A name holds no ':' and at most 32 code points (128 bytes), so the colon is near.
        int colon = buf.indexOf(from, Math.min(to, from + 130), (byte) ':');
        int i = colon + 1;
        if (colon <= from || i >= to || buf.getByte(i) != ' ') return false;
        i++;
        long[] fields = into.scratch;
        for (int field = 0; field < fields.length; field++) {
            int first = i;
            long value = 0;
            for (; i < to; i++) {
                int d = buf.getByte(i) - '0';
                if (d < 0 || d > 9) break;
                value = value * 10 + d;
            }
            int digits = i - first;
            boolean last = field == fields.length - 1;
            if (digits == 0 || digits > (last ? 18 : 10) || (!last && value > Integer.MAX_VALUE)) return false;
            // Fields are separated by one space; the last one may be followed by padding.
            if (i < to && buf.getByte(i) != ' ') return false;
            if (!last && i >= to) return false;
            i++;
            fields[field] = value;
        }
        into.sender = (int) fields[0];
        into.seq = (int) fields[1];
        into.sentNanos = fields[2];
        return true;
    }

    private static void writeDecimal(ByteBuf out, long value, byte[] scratch) {
        int pos = scratch.length;
        do {
            scratch[--pos] = (byte) ('0' + (value % 10));
            value /= 10;
        } while (value != 0);
        out.writeBytes(scratch, pos, scratch.length - pos);
    }

    private static byte[] filled(int n, byte b) {
        byte[] bytes = new byte[n];
        Arrays.fill(bytes, b);
        return bytes;
    }
}
