package dev.chatd.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VisibleTest {

    @Test
    void showsWhatATerminalWouldHide() {
        assertEquals("\\e[31mred\\r\\n\\t\\u0007\\u202E\\uFFFD", Visible.of("\u001b[31mred\r\n\t\u0007\u202E\uFFFD"));
    }

    @Test
    void shortensLongLines() {
        String shown = Visible.of("x".repeat(5000));
        assertTrue(shown.endsWith("…(4840 more)"), shown);
    }
}
