package dev.chatd.callback;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatd.common.config.ChatConfig;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server on real sockets: the paths through the pipeline that the room model alone cannot show. */
class CallbackServerTest {

    private CallbackServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private CallbackServer start(ChatConfig config) throws IOException {
        server = CallbackServer.start(config);
        return server;
    }

    @Test
    void twoUsersChat() throws IOException {
        start(ChatConfig.forTests());
        try (LineClient alice = LineClient.login(server.address(), "alice");
             LineClient bob = LineClient.login(server.address(), "bob")) {
            alice.expectLine("* bob joined #lobby");
            alice.send("hello bob");
            alice.expectLine("alice: hello bob");
            bob.expectLine("alice: hello bob");
            bob.send("/msg alice hi");
            alice.expectLine("[pm from bob] hi");
            bob.expectLine("[pm to alice] hi");
        }
    }

    @Test
    void nioTransportWorksToo() throws IOException {
        server = CallbackServer.start(ChatConfig.forTests().withRateLimit(10).withRateBurst(1), Transport.NIO);
        try (LineClient alice = LineClient.login(server.address(), "alice");
             LineClient bob = LineClient.login(server.address(), "bob")) {
            alice.expectLine("* bob joined #lobby");
            alice.sendRaw("1\n2\n3".getBytes(java.nio.charset.StandardCharsets.UTF_8)); // throttled, then EOF
            alice.shutdownOutput();
            for (String line : new String[] {"alice: 1", "alice: 2", "alice: 3"}) {
                alice.expectLine(line);
                bob.expectLine(line);
            }
            assertTrue(alice.atEof());
            bob.expectLine("* alice left #lobby (connection closed)");
        }
    }

    @Test
    void quitSaysByeThenCloses() throws IOException {
        start(ChatConfig.forTests());
        try (LineClient alice = LineClient.login(server.address(), "alice");
             LineClient bob = LineClient.login(server.address(), "bob")) {
            alice.send("/quit");
            alice.skipUntil("* bye");
            assertTrue(alice.atEof());
            bob.expectLine("* alice left #lobby");
            await().atMost(Duration.ofSeconds(5)).until(() -> server.hub().connectionCount() == 1);
        }
    }

    @Test
    void halfCloseHandlesTheLastLineThenLeavesAndCloses() throws IOException {
        start(ChatConfig.forTests());
        try (LineClient alice = LineClient.login(server.address(), "alice");
             LineClient bob = LineClient.login(server.address(), "bob")) {
            alice.expectLine("* bob joined #lobby");
            alice.sendRaw("last words".getBytes(java.nio.charset.StandardCharsets.UTF_8)); // no line end
            alice.shutdownOutput();
            alice.expectLine("alice: last words"); // still owed to alice, and flushed before the close
            assertTrue(alice.atEof());
            bob.expectLine("alice: last words");
            bob.expectLine("* alice left #lobby (connection closed)");
        }
    }

    @Test
    void theNameIsFreeAgainAfterADisconnectAtThePrompt() throws IOException {
        start(ChatConfig.forTests());
        try (LineClient early = LineClient.connect(server.address())) {
            early.expectLine("Welcome to chatd");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> server.hub().connectionCount() == 0);
        try (LineClient alice = LineClient.login(server.address(), "alice")) {
            alice.send("/who");
            alice.expectLine("* users in #lobby: alice");
        }
    }

    @Test
    void overLongLinesAreRefusedAndTheConnectionGoesOn() throws IOException {
        start(ChatConfig.forTests().withMaxLineBytes(16));
        try (LineClient alice = LineClient.connect(server.address())) {
            alice.expectLine("Welcome to chatd");
            alice.expectPrompt();
            alice.send("a-name-that-is-far-too-long");
            alice.expectLine(""); // told at the overrun, with the prompt last: on a fresh line
            alice.expectLine("! line too long (max 16 bytes)");
            alice.expectPrompt();
            alice.send("alice");
            alice.expectLine("* alice joined #lobby");
            alice.expectLine("* users in #lobby: alice");
            alice.send("x".repeat(100));
            alice.send("short");
            alice.expectLine("! line too long (max 16 bytes)");
            alice.expectLine("alice: short");
        }
    }

    @Test
    void aFullServerRefusesBeforeTheWelcome() throws IOException {
        start(ChatConfig.forTests().withMaxUsers(1));
        try (LineClient alice = LineClient.login(server.address(), "alice");
             LineClient second = LineClient.connect(server.address())) {
            second.expectLine("! server is full, try again later");
            assertTrue(second.atEof());
            assertEquals(1, server.hub().metrics().connectionsRefused());
            alice.send("/who");
            alice.expectLine("* users in #lobby: alice");
        }
    }
}
