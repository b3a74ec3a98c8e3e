package dev.chatd.web.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatd.callback.CallbackServer;
import dev.chatd.common.config.ChatConfig;
import dev.chatd.common.server.ChatServer;
import dev.chatd.testkit.FakeUser;
import dev.chatd.web.ChatAndGateway;
import dev.chatd.web.RawWebSocket;
import dev.chatd.web.RawWebSocket.Close;
import dev.chatd.web.RawWebSocket.End;
import dev.chatd.web.RawWebSocket.Ending;
import dev.chatd.web.WebGateway;
import dev.chatd.web.WsClient;
import dev.chatd.web.config.Upstream;
import dev.chatd.web.config.WebConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What bounds a browser: the line limit on a message however it is framed, the output limit for
 * one that stops reading, text only; and how connections spread over several chat servers.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GatewayLimitsTest {

    @Test
    void aMessageSentInFramesIsCappedAsAWhole() {
        try (ChatAndGateway chat = ChatAndGateway.start();
             RawWebSocket raw = RawWebSocket.open(chat.websocketUri(), chat.origin(), 0)) {
            FakeUser bob = chat.telnet("bob");
            raw.sendText("alice");
            bob.awaitLine("* alice joined #lobby");
            byte[] half = "y".repeat(ChatConfig.DEFAULT_MAX_LINE / 2 + 1).getBytes(StandardCharsets.US_ASCII);
            raw.sendFrame(0x1, false, half);
            raw.sendFrame(0x0, true, half);
            assertEquals(new Ending(List.of(new Close(1009, "message too big")), End.EOF), raw.readUntilEnd());
            bob.awaitLine("* alice left #lobby (connection closed)");
        }
    }

    /**
     * One frame over the cap is refused by Netty's frame decoder, before the message cap; the
     * browser still gets one close frame, the same as for a message in several frames, and then an
     * orderly end: RFC 6455 allows nothing after a close frame, and a reset could cost the browser
     * the close frame itself. 70,000 bytes take a 64-bit length and are still arriving when the
     * gateway decides.
     */
    @ParameterizedTest
    @ValueSource(ints = {ChatConfig.DEFAULT_MAX_LINE + 1, 70_000})
    void aMessageOverTheCapInOneFrameGetsOneCloseThenAnOrderlyEnd(int bytes) {
        try (ChatAndGateway chat = ChatAndGateway.start();
             RawWebSocket raw = RawWebSocket.open(chat.websocketUri(), chat.origin(), 0)) {
            FakeUser bob = chat.telnet("bob");
            raw.sendText("alice");
            bob.awaitLine("* alice joined #lobby");
            raw.sendFrame(0x1, true, "y".repeat(bytes).getBytes(StandardCharsets.US_ASCII));
            Ending ending = raw.readUntilEnd();
            assertEquals(new Ending(List.of(new Close(1009, "message too big")), End.EOF), ending);
            bob.awaitLine("* alice left #lobby (connection closed)");
        }
    }

    @Test
    void invalidUtf8GetsOneCloseThenAnOrderlyEnd() {
        try (ChatAndGateway chat = ChatAndGateway.start();
             RawWebSocket raw = RawWebSocket.open(chat.websocketUri(), chat.origin(), 0)) {
            FakeUser bob = chat.telnet("bob");
            raw.sendText("alice");
            bob.awaitLine("* alice joined #lobby");
            raw.sendFrame(0x1, true, new byte[] {'h', 'i', (byte) 0xff, (byte) 0xfe});
            Ending ending = raw.readUntilEnd();
            assertEquals(List.of(1007), ending.closes().stream().map(Close::code).toList(), ending.toString());
            assertEquals(End.EOF, ending.end(), ending.toString());
            bob.awaitLine("* alice left #lobby (connection closed)");
        }
    }

    @Test
    void aMessageSentInFramesWithinTheCapIsOneLine() {
        try (ChatAndGateway chat = ChatAndGateway.start();
             RawWebSocket raw = RawWebSocket.open(chat.websocketUri(), chat.origin(), 0)) {
            FakeUser bob = chat.telnet("bob");
            raw.sendText("alice");
            bob.awaitLine("* alice joined #lobby");
            raw.sendFrame(0x1, false, "hel".getBytes(StandardCharsets.US_ASCII));
            raw.sendFrame(0x0, true, "lo".getBytes(StandardCharsets.US_ASCII));
            bob.awaitLine("alice: hello");
        }
    }

    @Test
    void aBinaryMessageEndsTheWebSocket() {
        try (ChatAndGateway chat = ChatAndGateway.start();
             RawWebSocket raw = RawWebSocket.open(chat.websocketUri(), chat.origin(), 0)) {
            FakeUser bob = chat.telnet("bob");
            raw.sendText("alice");
            bob.awaitLine("* alice joined #lobby");
            raw.sendFrame(0x2, true, new byte[] {1, 2, 3});
            bob.awaitLine("* alice left #lobby (connection closed)");
            assertEquals(1003, raw.readCloseCode(), "unsupported data");
        }
    }

    @Test
    void invalidUtf8EndsTheWebSocket() {
        try (ChatAndGateway chat = ChatAndGateway.start();
             RawWebSocket raw = RawWebSocket.open(chat.websocketUri(), chat.origin(), 0)) {
            FakeUser bob = chat.telnet("bob");
            raw.sendText("alice");
            bob.awaitLine("* alice joined #lobby");
            raw.sendFrame(0x1, true, new byte[] {'h', 'i', (byte) 0xff, (byte) 0xfe});
            bob.awaitLine("* alice left #lobby (connection closed)");
            assertEquals(1007, raw.readCloseCode(), "invalid payload data");
        }
    }

    @Test
    void aBrowserThatStopsReadingIsCutAndItsUserLeaves() {
        try (ChatAndGateway chat = ChatAndGateway.start(ChatConfig.forTests(), web -> web.withOutputLimitBytes(64 * 1024));
             RawWebSocket slow = RawWebSocket.open(chat.websocketUri(), chat.origin(), 4096)) {
            FakeUser bob = chat.telnet("bob");
            slow.sendText("slowpoke");
            bob.awaitLine("* slowpoke joined #lobby");
            // Far more than the kernel's buffers on both sides of the gateway hold, so most of it
            // has to wait in the gateway, past its 64 KiB limit.
            // Bob reads his own copies batch by batch, so only the browser falls behind.
            String left = "* slowpoke left #lobby (connection closed)";
            for (int batch = 0; batch < 100 && !bob.lines().contains(left); batch++) {
                for (int i = 0; i < 100; i++) bob.send(batch + "/" + i + " " + "z".repeat(4000));
                bob.awaitLineStartingWith("bob: " + batch + "/99 ");
            }
            bob.awaitReceived(left);
            assertTrue(slow.drainUntilClosed(), "the slow browser's connection should be closed");
        }
    }

    @Test
    void webSocketsAreSpreadOverTheUpstreamsInTurn() throws Exception {
        try (ChatServer a = CallbackServer.start(ChatConfig.forTests());
             ChatServer b = CallbackServer.start(ChatConfig.forTests())) {
            WebGateway gateway = WebGateway.start(WebConfig.forTests(upstream(a)).withUpstreams(List.of(upstream(a), upstream(b))));
            try (FakeUser onA = FakeUser.connect(local(a), "carol");
                 FakeUser onB = FakeUser.connect(local(b), "dave")) {
                onA.login("carol");
                onB.login("dave");
                URI ws = URI.create("ws://127.0.0.1:" + gateway.port() + "/ws");
                WsClient first = WsClient.open(ws, null).login("alice");
                WsClient second = WsClient.open(ws, null).login("bob");
                first.await("* users in #lobby: alice, carol");
                second.await("* users in #lobby: bob, dave");
            } finally {
                gateway.close();
            }
        }
    }

    @Test
    void anUpstreamThatRefusesIsSkipped() throws Exception {
        int dead;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dead = free.getLocalPort();
        }
        try (ChatServer live = CallbackServer.start(ChatConfig.forTests())) {
            WebGateway gateway = WebGateway.start(WebConfig.forTests(upstream(live))
                    .withUpstreams(List.of(new Upstream("127.0.0.1", dead), upstream(live))));
            try (FakeUser dave = FakeUser.connect(local(live), "dave")) {
                dave.login("dave");
                URI ws = URI.create("ws://127.0.0.1:" + gateway.port() + "/ws");
                for (String name : List.of("alice", "bob", "carol")) {
                    WsClient.open(ws, null).login(name);
                }
                dave.send("/who");
                dave.awaitLine("* users in #lobby: alice, bob, carol, dave");
            } finally {
                gateway.close();
            }
        }
    }

    private static Upstream upstream(ChatServer server) {
        return new Upstream("127.0.0.1", server.port());
    }

    private static InetSocketAddress local(ChatServer server) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
    }
}
