package dev.chatd.common.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RendererTest {

    private final Renderer renderer = new Renderer();

    @Test
    void usersLineIsItsTextFormWithCrlf() {
        assertSame(new ServerLine.Users("lobby", List.of("alice", "Bob", "ünïcødé", "日本", "z")));
    }

    @Test
    void usersLineWithOneOrNoName() {
        assertSame(new ServerLine.Users("lobby", List.of("alice")));
        assertSame(new ServerLine.Users("lobby", List.of()));
    }

    @Test
    void usersLineWithManyNames() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) names.add(i % 7 == 0 ? "é" + i : "u" + i);
        assertSame(new ServerLine.Users("a-room", names));
    }

    @Test
    void usersLineFromJoinedNamesIsTheSameBytes() {
        assertSame(new ServerLine.Users("lobby", JoinedNames.of("alice", "Bob", "ünïcødé", "日本", "z")));
        assertSame(new ServerLine.Users("lobby", JoinedNames.of("alice")));
        assertSame(new ServerLine.Users("lobby", JoinedNames.of()));
    }

    @Test
    void usersLineFromJoinedNamesIsTheSameJson() {
        List<String> names = List.of("alice", "Bob", "ünïcødé");
        assertArrayEquals(renderer.render(new ServerLine.Users("lobby", names), OutputFormat.JSON),
                renderer.render(new ServerLine.Users("lobby", JoinedNames.of("alice", "Bob", "ünïcødé")), OutputFormat.JSON));
    }

    private void assertSame(ServerLine.Users line) {
        byte[] expected = (line.toText() + "\r\n").getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(expected, renderer.render(line, OutputFormat.TEXT));
    }
}
