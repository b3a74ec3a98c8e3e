package dev.chatd.testkit;

/**
 * Renders received text for failure messages so that what a terminal would hide or act on
 * (line ends, escapes, bidi controls, replacement characters) is visible, and long lines stay short.
 */
final class Visible {

    private static final int MAX_CHARS = 160;

    private Visible() {
    }

    static String of(String text) {
        StringBuilder out = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (shown == MAX_CHARS) {
                out.append("…(").append(text.codePointCount(i, text.length())).append(" more)");
                break;
            }
            appendVisible(out, cp);
            shown++;
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    private static void appendVisible(StringBuilder out, int cp) {
        switch (cp) {
            case '\r' -> out.append("\\r");
            case '\n' -> out.append("\\n");
            case '\t' -> out.append("\\t");
            case '\\' -> out.append("\\\\");
            case 0x1B -> out.append("\\e");
            default -> {
                boolean hidden = Character.isISOControl(cp)
                        || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)
                        || cp == 0xFFFD || Character.getType(cp) == Character.FORMAT;
                if (hidden) {
                    out.append(String.format("\\u%04X", cp));
                } else {
                    out.appendCodePoint(cp);
                }
            }
        }
    }
}
