package dev.chatd.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chatd.callback.CallbackServer;
import dev.chatd.common.config.ChatConfig;
import dev.chatd.common.server.ChatServer;
import dev.chatd.testkit.FakeUser;
import dev.chatd.web.config.Upstream;
import dev.chatd.web.config.WebConfig;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A connection that stays silent before becoming a WebSocket is closed; a WebSocket is not. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpIdleTest {

    private static final Duration IDLE = Duration.ofMillis(500);

    @Test
    void aSilentConnectionIsClosedButAQuietWebSocketStays() throws Exception {
        try (ChatServer server = CallbackServer.start(ChatConfig.forTests());
             WebGateway gateway = WebGateway.start(WebConfig.forTests(new Upstream("127.0.0.1", server.port())), IDLE);
             Socket silent = new Socket(InetAddress.getLoopbackAddress(), gateway.port());
             FakeUser bob = FakeUser.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), "bob");
             WsClient alice = WsClient.open(URI.create("ws://127.0.0.1:" + gateway.port() + "/ws"), null)) {
            alice.login("alice");
            silent.setSoTimeout(10_000);
            InputStream in = silent.getInputStream();
            assertEquals(-1, in.read(), "the gateway closes a connection that sends nothing");

            // Four idle periods without a word from alice: the WebSocket is still there.
            Awaitility.await().during(IDLE.multipliedBy(4)).atMost(IDLE.multipliedBy(4).plusSeconds(5))
                    .until(() -> alice.closeCode() == null);
            bob.login("bob");
            alice.await("* bob joined #lobby");
            alice.send("still here");
            bob.awaitLine("alice: still here");
        }
    }
}
