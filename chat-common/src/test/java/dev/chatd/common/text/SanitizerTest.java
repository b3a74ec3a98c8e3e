package dev.chatd.common.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SanitizerTest {

    private static String cp(int codePoint) {
        return new String(Character.toChars(codePoint));
    }

    @Test
    void unchangedLineIsTheSameInstance() {
        String line = new String("hello wörld \uFFFD 日本 \uD83D\uDE00");
        assertSame(line, Sanitizer.sanitize(line));
    }

    @Test
    void emptyStaysEmpty() {
        assertEquals("", Sanitizer.sanitize(""));
    }

    @ParameterizedTest(name = "U+{0} is removed")
    @ValueSource(ints = {0x00, 0x01, 0x07, 0x08, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B, 0x1C, 0x1F,
            0x7F, 0x80, 0x85, 0x9B, 0x9F,
            0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069})
    void controlsAreRemovedFromTheMiddle(int codePoint) {
        assertEquals("ab", Sanitizer.sanitize("a" + cp(codePoint) + "b"));
    }

    @ParameterizedTest(name = "U+{0} is kept")
    @ValueSource(ints = {0x20, 0x7E, 0xA0, 0xA1, 0x1680, 0x2000, 0x200A, 0x200B, 0x200D, 0x200E, 0x200F,
            0x2027, 0x2065, 0x206A, 0x202F, 0x205F, 0x3000, 0xFEFF, 0xFFFD, 0x1F600})
    void neighboursOfTheRemovedRangesAreKeptInTheMiddle(int codePoint) {
        String line = "a" + cp(codePoint) + "b";
        assertSame(line, Sanitizer.sanitize(line));
    }

    @Test
    void escapeSequenceLosesItsEscape() {
        assertEquals("[31mred[0m", Sanitizer.sanitize("\u001B[31mred\u001B[0m"));
    }

    @Test
    void embeddedLineBreakCannotFakeAServerLine() {
        assertEquals("hi* bob left #lobby", Sanitizer.sanitize("hi\r\n* bob left #lobby"));
    }

    @Test
    void bidiOverrideIsRemoved() {
        assertEquals("evil gnp.exe", Sanitizer.sanitize("evil \u202Egnp.exe\u202C"));
        assertEquals("isolated", Sanitizer.sanitize("\u2066iso\u2069lated"));
    }

    @Test
    void tabBecomesSpaceInsideAndIsTrimmedAtTheEnds() {
        assertEquals("a b  c", Sanitizer.sanitize("\ta\tb\t\tc\t"));
    }

    @ParameterizedTest(name = "U+{0} becomes a space")
    @ValueSource(ints = {0x09, 0x2028, 0x2029})
    void tabAndTheUnicodeLineAndParagraphSeparatorsBecomeASpace(int codePoint) {
        assertEquals("a b", Sanitizer.sanitize("a" + cp(codePoint) + "b"));
        assertTrue(Sanitizer.becomesSpace(codePoint));
    }

    @Test
    void lineSeparatorsCannotFakeALineBreakInsideAMessage() {
        assertEquals("hi * bob left #lobby", Sanitizer.sanitize("hi\u2028* bob left #lobby"));
        assertEquals("one  two", Sanitizer.sanitize("one\u2029\u2028two"));
    }

    @Test
    void separatorsAmongRemovedCharactersStillBecomeSpaces() {
        // The rewrite starts at the first control, so a separator after it goes the slow way.
        assertEquals("ab c d", Sanitizer.sanitize("a\u0007b\u2028c\td"));
        // And one before any control starts the rewrite itself.
        assertEquals("a bc", Sanitizer.sanitize("a\u2029b\u001Bc"));
    }

    @Test
    void onlyTabAndTheTwoSeparatorsBecomeSpaces() {
        for (int c = 0; c <= 0xFFFF; c++) {
            assertEquals(c == 0x09 || c == 0x2028 || c == 0x2029, Sanitizer.becomesSpace(c), Integer.toHexString(c));
        }
    }

    @Test
    void trimsEveryUnicodeWhiteSpaceAtTheEnds() {
        String white = " \u00A0\u1680\u2000\u2005\u200A\u2028\u2029\u202F\u205F\u3000";
        assertEquals("x y", Sanitizer.sanitize(white + "x y" + white));
    }

    @Test
    void noBreakSpaceIsOnlyTrimmed() {
        assertEquals("a\u00A0b", Sanitizer.sanitize("\u00A0a\u00A0b\u00A0"));
    }

    @Test
    void narrowNoBreakSpaceIsKeptInTheMiddle() {
        assertEquals("10\u202F000", Sanitizer.sanitize("\u202F10\u202F000\u202F"));
    }

    @Test
    void whiteSpaceUncoveredByRemovalIsTrimmed() {
        assertEquals("x", Sanitizer.sanitize("\u0000 \u0085x\u202E \u0007"));
    }

    @Test
    void zeroWidthSpaceIsNotWhiteSpaceSoItIsNotTrimmed() {
        assertEquals("\u200Bx\u200B", Sanitizer.sanitize(" \u200Bx\u200B "));
    }

    @Test
    void onlyControlsAndWhiteSpaceGiveEmpty() {
        assertEquals("", Sanitizer.sanitize("\t \u0001\u3000\u202A\r"));
    }

    @Test
    void astralCharactersSurviveARewrite() {
        assertEquals("\uD835\uDC00 \uD83D\uDE00", Sanitizer.sanitize("\uD835\uDC00\t\u0007\uD83D\uDE00"));
    }

    @Test
    void replacementCharacterIsKept() {
        assertEquals("\uFFFD\uFFFD", Sanitizer.sanitize("\uFFFD\u0000\uFFFD"));
    }

    @Test
    void whiteSpaceIsTheUnicodePropertyNotJavaWhitespace() {
        int[] white = {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680,
                0x2000, 0x2007, 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000};
        for (int codePoint : white) {
            assertTrue(Sanitizer.isWhiteSpace(codePoint), Integer.toHexString(codePoint));
        }
        int[] notWhite = {0x00, 0x08, 0x0E, 0x1C, 0x1D, 0x1E, 0x1F, 0x21, 0x84, 0x86, 0x9F, 0xA1, 0x167F,
                0x1681, 0x1FFF, 0x200B, 0x2027, 0x202A, 0x202E, 0x2030, 0x205E, 0x2060, 0x2FFF, 0x3001,
                0xFEFF, 0x10020};
        for (int codePoint : notWhite) {
            assertFalse(Sanitizer.isWhiteSpace(codePoint), Integer.toHexString(codePoint));
        }
    }

    @Test
    void whiteSpaceAgreesWithTheUnicodePropertyOverEveryCodePoint() {
        // java.util.regex's \p{IsWhite_Space} is the Unicode property, independent of this class.
        java.util.regex.Pattern property = java.util.regex.Pattern.compile("\\p{IsWhite_Space}");
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            if (Character.getType(codePoint) == Character.SURROGATE) {
                continue;
            }
            boolean expected = property.matcher(cp(codePoint)).matches();
            if (expected != Sanitizer.isWhiteSpace(codePoint)) {
                throw new AssertionError("U+" + Integer.toHexString(codePoint) + " expected " + expected);
            }
        }
    }

    @Test
    void trimWhiteSpaceKeepsTheInstanceWhenNothingToTrim() {
        String text = new String("a b");
        assertSame(text, Sanitizer.trimWhiteSpace(text));
        assertEquals("a b", Sanitizer.trimWhiteSpace("\u3000a b\u00A0"));
    }
}
