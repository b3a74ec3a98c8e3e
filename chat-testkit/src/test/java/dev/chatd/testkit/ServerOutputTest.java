package dev.chatd.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServerOutputTest {

    private final ServerOutput output = new ServerOutput();

    private void append(String text) {
        byte[] bytes = text.getBytes(UTF_8);
        output.append(bytes, bytes.length);
    }

    @Test
    void cutsCrlfLinesAndPromptsWithoutLineEnd() {
        append("Welcome to x\r\nUsername: ! invalid name\r\nUsername: ");
        assertEquals(List.of("Welcome to x", "! invalid name"), output.lines());
        assertEquals(2, output.prompts());
        assertEquals("", output.tail());
    }

    @Test
    void waitsForWholeLinesAndWholePromptsAcrossChunks() {
        append("Welc");
        append("ome\r");
        assertEquals(List.of(), output.lines());
        append("\nUser");
        assertEquals(List.of("Welcome"), output.lines());
        assertEquals(0, output.prompts());
        assertEquals("User", output.tail());
        append("name: ");
        assertEquals(1, output.prompts());
        assertEquals("", output.tail());
    }

    @Test
    void stopsLookingForPromptsAfterItsOwnLobbyJoin() {
        append("Username: * Username joined #lobby\r\nUsername: hi\r\n");
        assertEquals(List.of("* Username joined #lobby", "Username: hi"), output.lines());
        assertEquals(1, output.prompts());
    }

    @Test
    void bareLfIsNotALineEnd() {
        append("a\nb\r\n");
        assertEquals(List.of("a\nb"), output.lines());
    }

    @Test
    void decodesCharactersSplitAcrossChunks() {
        byte[] bytes = "caf\u00E9 \uD83D\uDE00\r\n".getBytes(UTF_8);
        for (byte b : bytes) {
            output.append(new byte[] {b}, 1);
        }
        assertEquals(List.of("caf\u00E9 \uD83D\uDE00"), output.lines());
        assertEquals(new String(bytes, UTF_8), new String(output.rawBytes(), UTF_8));
    }

    @Test
    void keepsTheFirstCauseOfTheEnd() {
        assertNull(output.closedBy());
        output.close("EOF");
        output.close("closed here");
        assertEquals("EOF", output.closedBy());
    }
}
