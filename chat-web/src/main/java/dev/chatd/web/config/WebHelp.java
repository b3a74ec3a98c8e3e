package dev.chatd.web.config;

import java.util.ArrayList;
import java.util.List;

/** The table of {@link WebFlag}s as {@code --help} text and as Markdown for the README. */
public final class WebHelp {

    private static final List<List<String>> ACTION_ROWS = List.of(
            List.of("--version", "", "", "print the version and exit"),
            List.of("-h, --help", "", "", "print this help and exit"));
    private static final List<String> HEADER = List.of("Option", "Environment", "Default", "Meaning");
    private static final String GAP = "  ";

    private WebHelp() {
    }

    /** The full {@code --help} text for a program called {@code programName}. */
    public static String text(String programName) {
        StringBuilder out = new StringBuilder()
                .append("Usage: ").append(programName).append(" [options]\n\n")
                .append("A web client for chatd: serves the chat page and bridges each WebSocket at /ws\n")
                .append("to one TCP connection to a chat server.\n")
                .append("Every option can also be set by its environment variable; the command line wins.\n")
                .append("Options take their value as '--port 8080' or '--port=8080'.\n")
                .append("Sizes are bytes, or end in k, m or g (powers of 1024): 512k, 1m.\n\n");
        List<List<String>> rows = rows();
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

    /** The same table in GitHub Markdown. */
    public static String markdownTable() {
        StringBuilder out = new StringBuilder();
        appendMarkdownRow(out, HEADER, false);
        out.append("|---|---|---|---|\n");
        for (List<String> row : rows()) appendMarkdownRow(out, row, true);
        return out.toString();
    }

    private static List<List<String>> rows() {
        List<List<String>> rows = new ArrayList<>();
        for (WebFlag flag : WebFlag.values()) {
            rows.add(List.of(flag.flag() + " " + flag.valueName(), flag.envVar(), flag.defaultText(), flag.description()));
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
