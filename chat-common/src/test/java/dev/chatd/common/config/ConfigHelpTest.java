package dev.chatd.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigHelpTest {

    private final String help = ConfigHelp.text("chatd-callback");
    private final List<String> lines = help.lines().toList();

    @Test
    void startsWithTheUsageLineAndEndsWithALineBreak() {
        assertEquals("Usage: chatd-callback [options]", lines.get(0));
        assertTrue(help.endsWith("\n"));
    }

    @Test
    void everyFlagHasOneRowWithItsVariableDefaultAndMeaningInAlignedColumns() {
        String header = lines.stream().filter(l -> l.startsWith("Option ")).findFirst().orElseThrow();
        int envColumn = header.indexOf("Environment");
        int defaultColumn = header.indexOf("Default");
        int meaningColumn = header.indexOf("Meaning");
        for (ConfigFlag flag : ConfigFlag.values()) {
            String row = lines.stream().filter(l -> l.startsWith(flag.flag() + " ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no row for " + flag.flag() + " in\n" + help));
            assertEquals(flag.flag() + " " + flag.valueName(), row.substring(0, envColumn).strip(), row);
            assertEquals(flag.envVar(), row.substring(envColumn, defaultColumn).strip(), row);
            assertEquals(flag.defaultText(), row.substring(defaultColumn, meaningColumn).strip(), row);
            assertEquals(flag.description(), row.substring(meaningColumn), row);
        }
    }

    @Test
    void listsTheHelpAndVersionFlagsToo() {
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("-h, --help") && l.endsWith("print this help and exit")), help);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("--version ") && l.endsWith("print the version and exit")), help);
    }

    @Test
    void theThreadsRowStatesTheLimit() {
        assertTrue(ConfigFlag.THREADS.description().contains("at most " + ChatConfig.MAX_WORKER_THREADS),
                ConfigFlag.THREADS.description());
    }

    @Test
    void noLineHasTrailingWhiteSpace() {
        lines.forEach(l -> assertEquals(l.stripTrailing(), l));
    }

    @Test
    void theMarkdownTableHasTheSameRows() {
        List<String> rows = ConfigHelp.markdownTable().lines().toList();
        assertEquals("| Option | Environment | Default | Meaning |", rows.get(0));
        assertEquals("|---|---|---|---|", rows.get(1));
        assertEquals(ConfigFlag.values().length + 4, rows.size());
        assertEquals("| `--port <port>` | `CHAT_PORT` | `4455` | " + ConfigFlag.PORT.description() + " |", rows.get(2));
        assertEquals("| `--version` |  |  | print the version and exit |", rows.get(rows.size() - 2));
        assertEquals("| `-h, --help` |  |  | print this help and exit |", rows.get(rows.size() - 1));
    }
}
