package dev.chatd.common.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders a list of {@link Setting}s as the table of {@code --help} and as Markdown for the
 * README, so both always list the same flags, variables and defaults; for the servers and the
 * web gateway alike. The flags that set nothing ({@code --version}, {@code --help}) come last.
 */
public final class SettingsHelp {

    private static final List<List<String>> ACTION_ROWS = List.of(
            List.of("--version", "", "", "print the version and exit"),
            List.of("-h, --help", "", "", "print this help and exit"));
    private static final List<String> HEADER = List.of("Option", "Environment", "Default", "Meaning");
    private static final String GAP = "  ";

    private SettingsHelp() {
    }

    /**
     * The {@code --help} text: the usage line, {@code about} (lines ending in a line break), a
     * blank line, then the table.
     */
    public static String text(String programName, String about, List<? extends Setting<?>> settings) {
        StringBuilder out = new StringBuilder()
                .append("Usage: ").append(programName).append(" [options]\n\n")
                .append(about).append('\n');
        List<List<String>> rows = rows(settings);
        rows.add(0, HEADER);
        int[] widths = new int[HEADER.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < widths.length; i++) widths[i] = Math.max(widths[i], row.get(i).length());
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length - 1; i++) {
                line.append(String.format("%-" + widths[i] + "s", row.get(i))).append(GAP);
            }
            line.append(row.get(widths.length - 1));
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** The same table as a GitHub Markdown table, for the README. */
    public static String markdownTable(List<? extends Setting<?>> settings) {
        StringBuilder out = new StringBuilder();
        appendMarkdownRow(out, HEADER, false);
        out.append("|---|---|---|---|\n");
        for (List<String> row : rows(settings)) appendMarkdownRow(out, row, true);
        return out.toString();
    }

    private static List<List<String>> rows(List<? extends Setting<?>> settings) {
        List<List<String>> rows = new ArrayList<>();
        for (Setting<?> s : settings) {
            rows.add(List.of(s.flag() + " " + s.valueName(), s.envVar(), s.defaultText(), s.description()));
        }
        rows.addAll(ACTION_ROWS);
        return rows;
    }

    private static void appendMarkdownRow(StringBuilder out, List<String> cells, boolean codeFirstThree) {
        out.append('|');
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i).replace("|", "\\|");
            boolean code = codeFirstThree && i < 3 && !cell.isEmpty();
            out.append(' ').append(code ? "`" + cell + "`" : cell).append(" |");
        }
        out.append('\n');
    }
}
