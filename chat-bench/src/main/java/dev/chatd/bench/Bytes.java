package dev.chatd.bench;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** Comparisons of a line held in a buffer range with constant bytes, without copying it. */
final class Bytes {

    private Bytes() {
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static boolean equals(ByteBuf buf, int from, int to, byte[] expected) {
        return to - from == expected.length && regionMatches(buf, from, expected);
    }

    static boolean endsWith(ByteBuf buf, int from, int to, byte[] suffix) {
        return to - from >= suffix.length && regionMatches(buf, to - suffix.length, suffix);
    }

    /** Whether {@code part} occurs in the line. */
    static boolean contains(ByteBuf buf, int from, int to, byte[] part) {
        for (int i = from; i + part.length <= to; i++) {
            if (regionMatches(buf, i, part)) return true;
        }
        return false;
    }

    /** The line as text, for messages on rare paths only. */
    static String text(ByteBuf buf, int from, int to) {
        return buf.toString(from, to - from, StandardCharsets.UTF_8);
    }

    private static boolean regionMatches(ByteBuf buf, int at, byte[] expected) {
        for (int i = 0; i < expected.length; i++) {
            if (buf.getByte(at + i) != expected[i]) return false;
        }
        return true;
    }
}
