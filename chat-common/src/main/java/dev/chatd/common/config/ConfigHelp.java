package dev.chatd.common.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders the table of {@link ConfigFlag}s, as plain text for {@code --help} and as Markdown for
 * the README, so both always list the same flags, variables and defaults.
 */
public final class ConfigHelp {

    /** The rows for the flags that set nothing and so are not {@link ConfigFlag}s; help comes last. */
    private static final List<List<String>> ACTION_ROWS = List.of(
            List.of("--version", "", "", "print the version and exit"),
            List.of("-h, --help", "", "", "print this help and exit"));
    private static final List<String> HEADER = List.of("Option", "Environment", "Default", "Meaning");
    private static final String GAP = "  ";

    private ConfigHelp() {
    }

    /** The full {@code --help} text for a program called {@code programName}. */
    public static String text(String programName) {
        StringBuilder out = new StringBuilder()
                .append("Usage: ").append(programName).append(" [options]\n\n")
                .append("A multi-user chat server for telnet and netcat.\n")
                .append("Every option can also be set by its environment variable; the command line wins.\n")
                .append("Options take their value as '--port 4455' or '--port=4455'.\n")
                .append("Sizes are bytes, or end in k, m or g (powers of 1024): 512k, 1m.\n")
                .append("Durations are seconds, or end in ms: 5, 2.5, 500ms.\n\n");
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (ConfigFlag flag : ConfigFlag.values()) {
            rows.add(row(flag));
        }
        rows.addAll(ACTION_ROWS);
        int[] widths = new int[HEADER.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
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
    public static String markdownTable() {
        StringBuilder out = new StringBuilder();
        appendMarkdownRow(out, HEADER, false);
        out.append("|---|---|---|---|\n");
        for (ConfigFlag flag : ConfigFlag.values()) {
            appendMarkdownRow(out, row(flag), true);
        }
        for (List<String> row : ACTION_ROWS) {
            appendMarkdownRow(out, row, true);
        }
        return out.toString();
    }

    private static List<String> row(ConfigFlag flag) {
        return List.of(flag.flag() + " " + flag.valueName(), flag.envVar(), flag.defaultText(), flag.description());
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
