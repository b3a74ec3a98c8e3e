package dev.chatd.common.wire;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Decodes input lines from UTF-8, never failing: each maximal invalid subsequence becomes one U+FFFD
 * (Unicode's recommended "substitution of maximal subparts", the same as the WHATWG Encoding Standard).
 *
 * <p>Why not {@code new String(bytes, UTF_8)}: on OpenJDK 17 it follows that practice except for encoded
 * surrogates, where {@code ED A0 80} gives one U+FFFD instead of three. Utf8Test keeps the cases as proof.
 */
public final class Utf8 {

    private static final char REPLACEMENT = '\uFFFD';

    private Utf8() {
    }

    /** Decodes {@code b[off..off+len)}; invalid sequences, including one cut off at the end, become U+FFFD. */
    public static String decode(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        int end = off + len;
        int ascii = off;
        while (ascii < end && b[ascii] >= 0) {
            ascii++;
        }
        if (ascii == end) {
            // All ASCII, which Latin-1 decodes identically with a plain copy.
            return new String(b, off, len, StandardCharsets.ISO_8859_1);
        }
        // Every byte gives at most one char; a 4-byte sequence gives two.
        char[] out = new char[len];
        int n = 0;
        for (int i = off; i < ascii; i++) {
            out[n++] = (char) b[i];
        }
        int i = ascii;
        while (i < end) {
            int lead = b[i++] & 0xFF;
            if (lead < 0x80) {
                out[n++] = (char) lead;
                continue;
            }
            int more;
            int codePoint;
            // The second byte's range rules out overlongs, surrogates and code points above U+10FFFF.
            int lower = 0x80;
            int upper = 0xBF;
            if (lead >= 0xC2 && lead <= 0xDF) {
                more = 1;
                codePoint = lead & 0x1F;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                more = 2;
                codePoint = lead & 0x0F;
                if (lead == 0xE0) {
                    lower = 0xA0;
                } else if (lead == 0xED) {
                    upper = 0x9F;
                }
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                more = 3;
                codePoint = lead & 0x07;
                if (lead == 0xF0) {
                    lower = 0x90;
                } else if (lead == 0xF4) {
                    upper = 0x8F;
                }
            } else {
                out[n++] = REPLACEMENT;
                continue;
            }
            for (; more > 0; more--) {
                int next = i < end ? b[i] & 0xFF : -1;
                if (next < lower || next > upper) {
                    break;
                }
                codePoint = (codePoint << 6) | (next & 0x3F);
                lower = 0x80;
                upper = 0xBF;
                i++;
            }
            if (more > 0) {
                // The bytes so far are the maximal subpart; the byte that broke it is read again as a lead.
                out[n++] = REPLACEMENT;
            } else if (codePoint >= 0x10000) {
                out[n++] = Character.highSurrogate(codePoint);
                out[n++] = Character.lowSurrogate(codePoint);
            } else {
                out[n++] = (char) codePoint;
            }
        }
        return new String(out, 0, n);
    }
}
