package dev.chatd.common.wire;

import static dev.chatd.common.wire.Splits.bytes;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class Utf8Test {

    private static final String R = "\uFFFD";

    private static String decode(int... b) {
        return Utf8.decode(bytes(b), 0, b.length);
    }

    @Test
    void casesFromTheBrief() {
        assertEquals(R + R, decode(0xE0, 0x80), "E0 needs A0-BF next: two maximal subparts");
        assertEquals(R, decode(0xE0, 0xA0), "truncated 3-byte sequence");
        assertEquals(R, decode(0xF0, 0x9F, 0x98), "truncated 4-byte sequence");
        assertEquals(R + R + R, decode(0xED, 0xA0, 0x80), "encoded surrogate");
        assertEquals(R + R, decode(0xC0, 0xAF), "overlong '/'");
        assertEquals(R, decode(0xF5), "lead byte past U+10FFFF");
        assertEquals(R, decode(0xFF));
        assertEquals(R + R + R + R, decode(0xF4, 0x90, 0x80, 0x80), "above U+10FFFF");
    }

    @Test
    void moreInvalidCases() {
        assertEquals(R + R + R, decode(0xE0, 0x80, 0x80), "overlong 3-byte");
        assertEquals(R + R + R + R, decode(0xF0, 0x80, 0x80, 0x80), "overlong 4-byte");
        assertEquals(R + R, decode(0xC1, 0xBF), "overlong 2-byte");
        assertEquals(R + R + R, decode(0x80, 0x80, 0xBF), "lone continuation bytes");
        assertEquals(R + R + R + R + R, decode(0xF8, 0x88, 0x80, 0x80, 0x80), "old 5-byte form");
        assertEquals("a" + R, decode('a', 0xC3), "cut off at the end");
        assertEquals("a" + R + "b", decode('a', 0xE2, 0x82, 'b'), "cut off before ASCII");
        assertEquals(R + "\u00e9", decode(0xE2, 0xC3, 0xA9), "the breaking byte starts the next character");
        // Unicode 15, Table 3-8: 61 F1 80 80 E1 80 C2 62 80 63 80 BF 64.
        assertEquals("a" + R + R + R + "b" + R + "c" + R + R + "d",
                decode(0x61, 0xF1, 0x80, 0x80, 0xE1, 0x80, 0xC2, 0x62, 0x80, 0x63, 0x80, 0xBF, 0x64));
    }

    @Test
    void validBoundaryCharacters() {
        assertEquals("\u0000\u007f", decode(0x00, 0x7F));
        assertEquals("\u0080\u07ff", decode(0xC2, 0x80, 0xDF, 0xBF));
        assertEquals("\u0800\ud7ff\ue000\uffff", decode(0xE0, 0xA0, 0x80, 0xED, 0x9F, 0xBF, 0xEE, 0x80, 0x80, 0xEF, 0xBF, 0xBF));
        assertEquals(new String(Character.toChars(0x10000)) + new String(Character.toChars(0x10FFFF)),
                decode(0xF0, 0x90, 0x80, 0x80, 0xF4, 0x8F, 0xBF, 0xBF));
        assertEquals(R, decode(0xEF, 0xBF, 0xBD), "a real U+FFFD passes as itself");
    }

    @Test
    void decodesOnlyTheGivenRange() {
        byte[] b = bytes(0xC3, 'a', 0xC3, 0xA9, 'b', 0xA9);
        assertEquals("a\u00e9b", Utf8.decode(b, 1, 4));
        assertEquals("", Utf8.decode(b, 3, 0));
        assertEquals(R, Utf8.decode(b, 2, 1), "the range ends inside a character");
        assertThrows(IndexOutOfBoundsException.class, () -> Utf8.decode(b, 4, 3));
    }

    @Test
    void validTextDecodesLikeTheJdk() {
        Random random = new Random(17);
        for (int round = 0; round < 2000; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) {
                int kind = random.nextInt(5);
                int codePoint = kind < 2 ? random.nextInt(0x80)
                        : kind == 2 ? 0x80 + random.nextInt(0x800 - 0x80)
                        : kind == 3 ? 0x800 + random.nextInt(0x10000 - 0x800)
                        : 0x10000 + random.nextInt(0x110000 - 0x10000);
                if (codePoint >= 0xD800 && codePoint <= 0xDFFF) {
                    continue;
                }
                text.appendCodePoint(codePoint);
            }
            byte[] encoded = text.toString().getBytes(UTF_8);
            assertEquals(text.toString(), Utf8.decode(encoded, 0, encoded.length));
        }
    }

    /** Why this class exists: the JDK decoder gives one U+FFFD for a whole encoded surrogate. */
    @Test
    void jdkDecoderDiffersOnEncodedSurrogates() {
        byte[] surrogate = bytes(0xED, 0xA0, 0x80);
        assertNotEquals(Utf8.decode(surrogate, 0, 3), new String(surrogate, UTF_8),
                "if the JDK now substitutes maximal subparts, Utf8.decode could simply wrap it");
    }

    // --- Exhaustive comparison with the definition of "maximal subpart", built from the JDK's encoder. ---

    /** Every proper prefix of the UTF-8 form of every scalar value, as a packed int with its length. */
    private static Set<Integer> validPrefixes;

    @BeforeAll
    static void collectValidPrefixes() {
        validPrefixes = new HashSet<>();
        for (int cp = 0x80; cp < 0x10000; cp++) {
            if (cp < 0xD800 || cp > 0xDFFF) {
                addProperPrefixes(cp);
            }
        }
        // A 4-byte form's last byte holds the low 6 bits, so one code point in 64 gives every proper prefix.
        for (int cp = 0x10000; cp <= 0x10FFFF; cp += 0x40) {
            addProperPrefixes(cp);
        }
    }

    private static void addProperPrefixes(int codePoint) {
        byte[] encoded = new String(Character.toChars(codePoint)).getBytes(UTF_8);
        for (int k = 1; k < encoded.length; k++) {
            validPrefixes.add(pack(encoded, 0, k));
        }
    }

    private static int pack(byte[] b, int from, int length) {
        int key = length;
        for (int i = 0; i < length; i++) {
            key = (key << 8) | (b[from + i] & 0xFF);
        }
        return key;
    }

    /** One well-formed character, by the JDK's own strict round trip. */
    private static boolean isOneCharacter(byte[] b, int from, int length) {
        byte[] candidate = Arrays.copyOfRange(b, from, from + length);
        String s = new String(candidate, UTF_8);
        return s.codePointCount(0, s.length()) == 1 && Arrays.equals(candidate, s.getBytes(UTF_8));
    }

    /** The Unicode definition applied literally: take a whole character, else skip the maximal subpart. */
    private static String oracle(byte[] b) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        next:
        while (i < b.length) {
            for (int length = Math.min(4, b.length - i); length >= 1; length--) {
                if (isOneCharacter(b, i, length)) {
                    out.append(new String(b, i, length, UTF_8));
                    i += length;
                    continue next;
                }
            }
            int subpart = 1;
            for (int k = 3; k >= 1; k--) {
                if (i + k <= b.length && validPrefixes.contains(pack(b, i, k))) {
                    subpart = k;
                    break;
                }
            }
            out.append(R);
            i += subpart;
        }
        return out.toString();
    }

    @Test
    void allOneAndTwoByteInputsMatchTheDefinition() {
        byte[] b = new byte[2];
        for (int x = 0; x < 256; x++) {
            b[0] = (byte) x;
            assertEquals(oracle(new byte[] {b[0]}), Utf8.decode(b, 0, 1), () -> hex(b, 1));
            for (int y = 0; y < 256; y++) {
                b[1] = (byte) y;
                assertEquals(oracle(b), Utf8.decode(b, 0, 2), () -> hex(b, 2));
            }
        }
    }

    @Test
    void allThreeAndFourByteInputsOfBoundaryBytesMatchTheDefinition() {
        int[] boundaries = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF,
            0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF8, 0xFE, 0xFF};
        byte[] b = new byte[4];
        for (int w : boundaries) {
            for (int x : boundaries) {
                for (int y : boundaries) {
                    b[0] = (byte) w;
                    b[1] = (byte) x;
                    b[2] = (byte) y;
                    byte[] three = Arrays.copyOf(b, 3);
                    assertEquals(oracle(three), Utf8.decode(three, 0, 3), () -> hex(three, 3));
                    for (int z : boundaries) {
                        b[3] = (byte) z;
                        assertEquals(oracle(b), Utf8.decode(b, 0, 4), () -> hex(b, 4));
                    }
                }
            }
        }
    }

    private static String hex(byte[] b, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(String.format("%02X ", b[i] & 0xFF));
        }
        return s.toString().trim();
    }
}
