package dev.chatd.web.config;

import dev.chatd.common.config.SettingsHelp;
import java.util.List;

/** The gateway's {@code --help} text and the README's table of its settings, from {@link WebFlag}. */
public final class WebHelp {

    private static final String ABOUT = """
            A web client for chatd: serves the chat page and bridges each WebSocket at /ws
            to one TCP connection to a chat server.
            Every option can also be set by its environment variable; the command line wins.
            Options take their value as '--port 8080' or '--port=8080'.
            Sizes are bytes, or end in k, m or g (powers of 1024): 512k, 1m.
            """;

    private WebHelp() {
    }

    /** The full {@code --help} text for a program called {@code programName}. */
    public static String text(String programName) {
        return SettingsHelp.text(programName, ABOUT, List.of(WebFlag.values()));
    }

    /** The same table in GitHub Markdown. */
    public static String markdownTable() {
        return SettingsHelp.markdownTable(List.of(WebFlag.values()));
    }
}
