package dev.chatd.streams;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatd.common.config.ChatConfig;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server end to end over real sockets: the main paths, until the contract suite covers them all. */
class StreamsServerSmokeTest {

    private StreamsServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private int start(ChatConfig config) throws Exception {
        server = StreamsServer.start(config);
        return server.port();
    }

    @Test
    void usersLogInChatAndQuit() throws Exception {
        int port = start(ChatConfig.forTests());
        try (ChatClient alice = ChatClient.login(port, "alice"); ChatClient bob = ChatClient.login(port, "bob")) {
            assertEquals("* bob joined #lobby", alice.readLine());
            bob.send("hello there");
            assertEquals("bob: hello there", alice.readLine());
            assertEquals("bob: hello there", bob.readLine());
            alice.send("/quit");
            assertEquals("* bye", alice.readLine());
            assertEquals("", alice.restUntilClosed());
            assertEquals("* alice left #lobby", bob.readLine());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> server.hub().connectionCount() == 0);
    }

    @Test
    void anEofLeavesWithConnectionClosedAndFreesTheName() throws Exception {
        int port = start(ChatConfig.forTests());
        try (ChatClient alice = ChatClient.login(port, "alice")) {
            try (ChatClient bob = ChatClient.login(port, "bob")) {
                assertEquals("* bob joined #lobby", alice.readLine());
                bob.send("last words");
                bob.shutdownOutput(); // half-close: bob still gets what he is owed
                assertEquals("bob: last words", bob.readLine());
                assertEquals("", bob.restUntilClosed());
            }
            assertEquals("bob: last words", alice.readLine());
            assertEquals("* bob left #lobby (connection closed)", alice.readLine());
            try (ChatClient again = ChatClient.login(port, "bob")) {
                assertEquals("* bob joined #lobby", alice.readLine());
            }
        }
    }

    @Test
    void thePromptRepeatsForBadNamesAndOverlongLines() throws Exception {
        int port = start(ChatConfig.forTests().withMaxLineBytes(16));
        try (ChatClient alice = ChatClient.login(port, "alice"); ChatClient other = ChatClient.connect(port)) {
            assertEquals("Welcome to chatd", other.readLine());
            other.expectPrompt();
            other.send("ALICE");
            assertEquals("! name taken: ALICE", other.readLine());
            other.expectPrompt();
            other.send("no spaces");
            assertEquals("! invalid name: use 1-32 letters, digits, '_' or '-'", other.readLine());
            other.expectPrompt();
            other.send("x".repeat(17));
            assertEquals("", other.readLine()); // told at the overrun, with the prompt last: on a fresh line
            assertEquals("! line too long (max 16 bytes)", other.readLine());
            other.expectPrompt();
            other.send("carol");
            assertEquals("* carol joined #lobby", other.readLine());
            assertEquals("* users in #lobby: alice, carol", other.readLine());
            other.send("y".repeat(40));
            assertEquals("! line too long (max 16 bytes)", other.readLine());
            other.send("still here");
            assertEquals("carol: still here", other.readLine());
        }
    }

    @Test
    void aReaderTooSlowForItsOutputIsDisconnected() throws Exception {
        int port = start(ChatConfig.forTests().withOutputLimitBytes(64 * 1024));
        try (ChatClient alice = ChatClient.login(port, "alice"); ChatClient carol = ChatClient.connect(port, 4096)) {
            assertEquals("Welcome to chatd", carol.readLine());
            carol.expectPrompt();
            carol.send("carol");
            assertEquals("* carol joined #lobby", alice.readLine());
            // carol stops reading; alice talks (and reads her own lines) until carol is dropped.
            String text = "z".repeat(4000);
            String left = null;
            for (int i = 0; i < 10_000 && left == null; i++) {
                alice.send(text);
                String line = alice.readLine();
                if (line.startsWith("* carol left")) {
                    left = line;
                } else {
                    assertEquals("alice: " + text, line);
                }
            }
            assertEquals("* carol left #lobby (too slow)", left);
            assertEquals(1, server.hub().metrics().slowConsumerDisconnects());
        }
    }

    @Test
    void aFullServerRefusesBeforeTheWelcome() throws Exception {
        int port = start(ChatConfig.forTests().withMaxUsers(1));
        try (ChatClient alice = ChatClient.login(port, "alice"); ChatClient late = ChatClient.connect(port)) {
            assertEquals("! server is full, try again later", late.readLine());
            assertEquals("", late.restUntilClosed());
        }
    }

    @Test
    void aThrottledSenderLosesNothing() throws Exception {
        int port = start(ChatConfig.forTests().withRateLimit(100).withRateBurst(5));
        try (ChatClient alice = ChatClient.login(port, "alice")) {
            StringBuilder paste = new StringBuilder();
            for (int i = 0; i < 40; i++) {
                paste.append("line ").append(i).append('\n');
            }
            alice.sendRaw(paste.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (int i = 0; i < 40; i++) {
                assertEquals("alice: line " + i, alice.readLine());
            }
            assertTrue(server.hub().metrics().throttledReads() > 0);
        }
    }

    @Test
    void aBigPasteIsServedInOrder() throws Exception {
        int port = start(ChatConfig.forTests());
        try (ChatClient alice = ChatClient.login(port, "alice")) {
            int count = 20_000;
            byte[] paste = new byte[count * 7];
            int at = 0;
            for (int i = 0; i < count; i++) {
                byte[] line = String.format("%05d\r\n", i).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                System.arraycopy(line, 0, paste, at, line.length);
                at += line.length;
            }
            Thread writer = new Thread(() -> {
                try {
                    alice.sendRaw(paste);
                } catch (java.io.IOException e) {
                    throw new RuntimeException(e);
                }
            });
            writer.start();
            for (int i = 0; i < count; i++) {
                assertEquals(String.format("alice: %05d", i), alice.readLine());
            }
            writer.join();
        }
    }

    @Test
    void shutdownTellsEveryoneFlushesAndCloses() throws Exception {
        int port = start(ChatConfig.forTests());
        try (ChatClient alice = ChatClient.login(port, "alice"); ChatClient atPrompt = ChatClient.connect(port)) {
            // Once /who is answered the hub's login() has returned: a login still running while the
            // server shuts down can be told twice (ChatHub.login and shutdown race; reported).
            alice.send("/who");
            assertEquals("* users in #lobby: alice", alice.readLine());
            assertEquals("Welcome to chatd", atPrompt.readLine());
            atPrompt.expectPrompt();
            server.close();
            assertEquals("* server shutting down", alice.readLine());
            assertEquals("", alice.restUntilClosed());
            assertEquals("", atPrompt.readLine()); // the prompt has no line end: a fresh line first
            assertEquals("* server shutting down", atPrompt.readLine());
            assertEquals("", atPrompt.restUntilClosed());
            server.close(); // again: returns at once
            assertEquals(0, server.hub().connectionCount());
        }
    }
}
