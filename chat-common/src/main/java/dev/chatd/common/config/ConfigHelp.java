package dev.chatd.common.config;

import java.util.List;

/** The servers' {@code --help} text and the README's table of their settings, from {@link ConfigFlag}. */
public final class ConfigHelp {

    private static final String ABOUT = """
            A multi-user chat server for telnet and netcat.
            Every option can also be set by its environment variable; the command line wins.
            Options take their value as '--port 4455' or '--port=4455'.
            Sizes are bytes, or end in k, m or g (powers of 1024): 512k, 1m.
            Durations are seconds, or end in ms: 5, 2.5, 500ms.
            """;

    private ConfigHelp() {
    }

    /** The full {@code --help} text for a program called {@code programName}. */
    public static String text(String programName) {
        return SettingsHelp.text(programName, ABOUT, List.of(ConfigFlag.values()));
    }

    /** The same table as a GitHub Markdown table, for the README. */
    public static String markdownTable() {
        return SettingsHelp.markdownTable(List.of(ConfigFlag.values()));
    }
}
