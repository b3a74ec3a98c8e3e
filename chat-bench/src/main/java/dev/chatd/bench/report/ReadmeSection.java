package dev.chatd.bench.report;

/**
 * Replaces the generated part of the README's Performance section, between
 * {@value #START} and {@value #END}, leaving the rest of the file as it was. A README without the
 * markers gets a {@code ## Performance} section holding them, before {@code ## Layout} (or at the end).
 */
public final class ReadmeSection {

    public static final String START = "<!-- perf:start -->";
    public static final String END = "<!-- perf:end -->";
    static final String HEADING = "## Performance";
    static final String BEFORE = "## Layout";

    private ReadmeSection() {
    }

    /** The README with {@code body} between {@code start} and {@code end}, which must both be there. */
    public static String replace(String readme, String body, String start, String end) {
        int from = readme.indexOf(start);
        int to = readme.indexOf(end);
        if (from < 0 || to < from) throw new IllegalArgumentException("the README needs " + start + " before " + end);
        String content = body.endsWith("\n") ? body : body + "\n";
        return readme.substring(0, from + start.length()) + "\n" + content + readme.substring(to);
    }

    /** The README with {@code body} between the markers. */
    public static String replace(String readme, String body) {
        String content = body.endsWith("\n") ? body : body + "\n";
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        if (start >= 0 && end > start) {
            return readme.substring(0, start + START.length()) + "\n" + content + readme.substring(end);
        }
        if (start >= 0 || end >= 0) {
            throw new IllegalArgumentException("the README has only one of " + START + " and " + END);
        }
        String section = HEADING + "\n\n" + START + "\n" + content + END + "\n\n";
        int layout = headingAt(readme, BEFORE);
        if (layout < 0) return readme + (readme.endsWith("\n") ? "\n" : "\n\n") + section.stripTrailing() + "\n";
        return readme.substring(0, layout) + section + readme.substring(layout);
    }

    /** Where a line that is exactly {@code heading} starts, or -1. */
    private static int headingAt(String text, String heading) {
        int from = 0;
        while (true) {
            int at = text.indexOf(heading, from);
            if (at < 0) return -1;
            boolean lineStart = at == 0 || text.charAt(at - 1) == '\n';
            int after = at + heading.length();
            boolean lineEnd = after == text.length() || text.charAt(after) == '\n' || text.charAt(after) == '\r';
            if (lineStart && lineEnd) return at;
            from = after;
        }
    }
}
