package dev.chatd.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatd.common.server.ChatServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * PROTOCOL.md "Guarantees", shutdown: {@link ChatServer#close()} tells every connection, flushes
 * what is owed and closes. Choice (lead): nobody is told that others left after the notice.
 */
public abstract class ShutdownContract extends ServerContract {

    @Test
    public void everyConnectionGetsTheNoticeThenEof() {
        List<FakeUser> users = loginAll("alice", "bob", "dave");
        FakeUser alice = users.get(0);
        FakeUser bob = users.get(1);
        FakeUser dave = users.get(2);
        bob.send("/json");
        bob.expectNextJson("{'type':'info','text':'output is now json'}");
        join(dave, "dev");
        alice.awaitLine("* dave left #lobby");
        bob.awaitLine(line -> JsonLines.isType(line, "leave"), "dave's leave");
        FakeUser carol = connectToPrompt();

        ChatServer server = server();
        long start = System.nanoTime();
        server.close();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        alice.expectNext(SHUTTING_DOWN);
        alice.expectClosed();
        bob.expectNextJson("{'type':'info','text':'server shutting down'}");
        bob.expectClosed();
        dave.expectNext(SHUTTING_DOWN);
        dave.expectClosed();
        carol.awaitClosed();
        // The prompt has no line end: the notice starts on a fresh line, not on "Username: ".
        assertEquals("Welcome to chatd\r\nUsername: \r\n" + SHUTTING_DOWN + "\r\n", carol.text());
        // Nothing was stuck, so close() did not wait out the grace (5 s by default).
        assertTrue(millis < 3_000, "close took " + millis + " ms");
        assertEquals(0, server.hub().connectionCount(), "connections left once close() returned");
        server.close(); // again: does nothing, and returns
        assertEquals(0, server.hub().connectionCount());
    }

    @Test
    public void outputOwedBeforeShutdownArrivesBeforeTheNotice() throws Exception {
        FakeUser reader = connect(4096);
        reader.login("reader");
        FakeUser writer = login("writer");
        reader.awaitLine("* writer joined #lobby");
        reader.pauseReading();

        List<String> expected = new ArrayList<>();
        StringBuilder burst = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            String text = i + " " + "o".repeat(100);
            burst.append(text).append("\r\n");
            expected.add("writer: " + text);
        }
        writer.sendWithoutLineEnd(burst.toString());
        writer.awaitLine(expected.get(expected.size() - 1)); // so every line is owed to the reader

        ChatServer server = server();
        CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
        reader.resumeReading();
        assertSameLines("reader got what it was owed", expected, reader.nextLines(expected.size()));
        reader.expectNext(SHUTTING_DOWN);
        reader.expectClosed();
        closing.get(FakeUser.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /**
     * Once close() has returned the listener is closed, not just no longer served: the kernel
     * answers a connect with a reset, so it is refused, never accepted and then ended.
     */
    @Test
    public void nothingIsAcceptedAfterShutdown() throws IOException {
        InetSocketAddress address = address();
        server().close();
        try (Socket socket = new Socket()) {
            assertThrows(ConnectException.class, () -> socket.connect(address, (int) FakeUser.TIMEOUT.toMillis()),
                    "a connect after shutdown was accepted: the listener is still open");
        }
    }
}
