package dev.chatd.common.text;

/**
 * Cleans a decoded input line before it is used as a name, a command argument or a message
 * (docs/protocol.md, "What the server does to your text"): control characters that could drive another
 * user's terminal or fake a line break are removed; TAB, U+2028 LINE SEPARATOR and U+2029
 * PARAGRAPH SEPARATOR become a space; and Unicode White_Space is trimmed from both ends.
 *
 * <p>Every character this class removes, replaces or trims lies in the Basic Multilingual Plane,
 * so it can work on {@code char}s: a surrogate is never one of them and is always copied as it is.
 */
public final class Sanitizer {

    private Sanitizer() {
    }

    /**
     * Returns the sanitised form of {@code line}. When nothing needs to change, which is the
     * usual case, the same instance is returned so a plain message costs no garbage.
     * U+FFFD (left by invalid UTF-8) is ordinary text and is kept.
     */
    public static String sanitize(String line) {
        int length = line.length();
        int firstChange = 0;
        while (firstChange < length && !needsRewrite(line.charAt(firstChange))) {
            firstChange++;
        }
        if (firstChange == length) {
            return trimWhiteSpace(line);
        }
        StringBuilder cleaned = new StringBuilder(length);
        cleaned.append(line, 0, firstChange);
        for (int i = firstChange; i < length; i++) {
            char c = line.charAt(i);
            if (becomesSpace(c)) {
                cleaned.append(' ');
            } else if (!isRemoved(c)) {
                cleaned.append(c);
            }
        }
        return trimWhiteSpace(cleaned.toString());
    }

    /**
     * Removes leading and trailing Unicode White_Space; returns the same instance when there is
     * none. Unlike {@link String#strip()} this uses the Unicode property, so U+00A0 and U+202F are
     * trimmed too.
     */
    public static String trimWhiteSpace(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isWhiteSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isWhiteSpace(text.charAt(end - 1))) {
            end--;
        }
        return start == 0 && end == text.length() ? text : text.substring(start, end);
    }

    /**
     * Whether {@code codePoint} has the Unicode White_Space property. This is deliberately not
     * {@link Character#isWhitespace(int)}, which leaves out the no-break spaces (U+00A0, U+2007,
     * U+202F) and U+0085 but counts the separators U+001C–U+001F.
     */
    public static boolean isWhiteSpace(int codePoint) {
        if (codePoint <= 0x00A0) {
            return codePoint == 0x20 || (codePoint >= 0x09 && codePoint <= 0x0D)
                    || codePoint == 0x85 || codePoint == 0xA0;
        }
        return codePoint == 0x1680
                || (codePoint >= 0x2000 && codePoint <= 0x200A)
                || codePoint == 0x2028 || codePoint == 0x2029
                || codePoint == 0x202F || codePoint == 0x205F
                || codePoint == 0x3000;
    }

    /**
     * Whether {@code c} is a character that sanitising turns into a space. U+2028 and U+2029 are
     * line breaks to many renderers (and end a line in JavaScript source), so left alone they
     * could fake a line break inside one line, but removing them would join words.
     */
    public static boolean becomesSpace(int c) {
        return c == '\t' || c == 0x2028 || c == 0x2029;
    }

    /** Whether {@code c} is a character that sanitising drops outright. */
    public static boolean isRemoved(int c) {
        return (c < 0x20 && c != '\t')
                || (c >= 0x7F && c <= 0x9F)              // DEL and the C1 controls
                || (c >= 0x202A && c <= 0x202E)          // bidi embeddings and overrides
                || (c >= 0x2066 && c <= 0x2069);         // bidi isolates
    }

    private static boolean needsRewrite(char c) {
        return becomesSpace(c) || isRemoved(c);
    }
}
