package dev.chatd.web.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chatd.common.config.ChatConfig;
import dev.chatd.web.ChatAndGateway;
import dev.chatd.web.WsClient;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The Origin rule on real handshakes: the page's own origin and the allowed ones get a WebSocket,
 * any other page's gets 403, as does the opaque origin; a program that sends no Origin is let in.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OriginRuleTest {

    private final ChatAndGateway chat = ChatAndGateway.start(ChatConfig.forTests(),
            web -> web.withAllowedOrigins(List.of("https://chat.example.org")));

    @AfterAll
    void closeAll() {
        chat.close();
    }

    @Test
    void thePagesOwnOriginGetsAWebSocket() {
        try (WsClient client = WsClient.open(chat.websocketUri(), chat.origin())) {
            client.await("Username: ");
        }
    }

    @Test
    void anAllowedOriginGetsAWebSocket() {
        try (WsClient client = WsClient.open(chat.websocketUri(), "https://CHAT.example.org:443")) {
            client.await("Username: ");
        }
    }

    @Test
    void anotherPagesOriginGets403() {
        assertEquals(403, WsClient.refusedStatus(chat.websocketUri(), "https://evil.example"));
    }

    @Test
    void theSameHostOnAnotherPortIsAnotherOrigin() {
        int otherPort = chat.gateway().port() == 65535 ? 1 : chat.gateway().port() + 1;
        assertEquals(403, WsClient.refusedStatus(chat.websocketUri(), "http://127.0.0.1:" + otherPort));
    }

    @Test
    void theOpaqueOriginNullGets403() {
        assertEquals(403, WsClient.refusedStatus(chat.websocketUri(), "null"));
    }

    @Test
    void aProgramThatSendsNoOriginGetsAWebSocket() {
        try (WsClient client = WsClient.open(chat.websocketUri(), null)) {
            client.await("Username: ");
        }
    }
}
