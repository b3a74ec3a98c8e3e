package dev.chatd.web.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatd.common.config.ChatConfig;
import dev.chatd.testkit.FakeUser;
import dev.chatd.web.ChatAndGateway;
import dev.chatd.web.WsClient;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bridge seen from a plain WebSocket client: one frame per server line, the prompt a frame of
 * its own, one line per line of a frame, and both ends closing together.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GatewayWebSocketTest {

    private ChatAndGateway chat;

    private ChatAndGateway chat() {
        if (chat == null) chat = ChatAndGateway.start();
        return chat;
    }

    private WsClient browser() {
        return WsClient.open(chat().websocketUri(), chat().origin());
    }

    @AfterEach
    void closeAll() {
        if (chat != null) chat.close();
    }

    @Test
    void eachServerLineIsOneFrameAndThePromptIsAFrameOfItsOwn() {
        WsClient browser = browser();
        assertEquals("Welcome to chatd", browser.next());
        assertEquals("Username: ", browser.next());
        browser.send("alice");
        assertEquals("* alice joined #lobby", browser.next());
        assertEquals("* users in #lobby: alice", browser.next());
    }

    @Test
    void browserAndTelnetUsersChatInOneRoom() {
        WsClient alice = browser().login("alice");
        FakeUser bob = chat().telnet("bob");
        alice.await("* bob joined #lobby");

        bob.send("hi from telnet");
        alice.await("bob: hi from telnet");
        alice.send("hi from the web");
        bob.awaitLine("alice: hi from the web");
    }

    @Test
    void aFrameHoldingLineBreaksIsSeveralLines() {
        WsClient alice = browser().login("alice");
        FakeUser bob = chat().telnet("bob");
        alice.send("one\ntwo\r\nthree\rfour\n");
        assertEquals(List.of("alice: one", "alice: two", "alice: three", "alice: four"), bob.nextLines(4));
        bob.expectNothingElse();
    }

    @Test
    void theJsonModeReachesTheBrowserOneObjectPerFrame() {
        WsClient alice = browser().login("alice");
        alice.send("/json");
        alice.await("{\"type\":\"info\",\"text\":\"output is now json\"}");
        alice.send("hello");
        String line = alice.await(m -> m.startsWith("{\"type\":\"message\""), "the message");
        assertTrue(line.contains("\"from\":\"alice\",\"text\":\"hello\""), line);
    }

    @Test
    void aMessageAtTheLineLimitIsOneLine() {
        WsClient alice = browser().login("alice");
        FakeUser bob = chat().telnet("bob");
        String longest = "x".repeat(ChatConfig.DEFAULT_MAX_LINE - 1);
        alice.send(longest);
        assertEquals("alice: " + longest, bob.awaitLineStartingWith("alice: "));
    }

    @Test
    void aMessageOverTheLineLimitClosesWithMessageTooBigAndTheUserLeaves() {
        WsClient alice = browser().login("alice");
        FakeUser bob = chat().telnet("bob");
        alice.send("x".repeat(ChatConfig.DEFAULT_MAX_LINE + 1));
        assertEquals(1009, alice.awaitClose());
        bob.awaitLine("* alice left #lobby (connection closed)");
    }

    @Test
    void closingTheWebSocketClosesTheChatConnection() {
        WsClient alice = browser().login("alice");
        FakeUser bob = chat().telnet("bob");
        alice.close();
        bob.awaitLine("* alice left #lobby (connection closed)");
    }

    @Test
    void theServerClosingClosesTheWebSocketAfterItsLastLine() {
        WsClient alice = browser().login("alice");
        alice.send("/quit");
        alice.await("* bye");
        assertEquals(1000, alice.awaitClose());
    }

    @Test
    void aServerShutdownReachesTheBrowserThenTheClose() {
        WsClient alice = browser().login("alice");
        chat().stopServer();
        alice.await("* server shutting down");
        assertEquals(1000, alice.awaitClose());
    }

    @Test
    void noReachableServerClosesWithTryAgainLater() {
        chat().stopServer();
        WsClient alice = browser();
        assertEquals(1013, alice.awaitClose());
    }

    @Test
    void theGatewayStoppingClosesEveryWebSocketWithGoingAwayAndEveryUserLeaves() {
        WsClient alice = browser().login("alice");
        FakeUser bob = chat().telnet("bob");
        chat().gateway().close();
        assertEquals(1001, alice.awaitClose());
        bob.awaitLine("* alice left #lobby (connection closed)");
    }
}
