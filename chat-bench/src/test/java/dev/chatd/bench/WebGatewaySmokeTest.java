package dev.chatd.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatd.callback.CallbackServer;
import dev.chatd.common.config.ChatConfig;
import dev.chatd.common.server.ChatServer;
import dev.chatd.web.WebGateway;
import dev.chatd.web.config.Upstream;
import dev.chatd.web.config.WebConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the generator's WebSocket mode working: users through the real gateway to the real
 * callback server, both in this JVM, lose nothing, and the gateway's CPU is reported.
 */
@Timeout(60)
class WebGatewaySmokeTest {

    @Test
    void smallFanoutThroughTheGatewayLosesNothing() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (ChatServer server = CallbackServer.start(ChatConfig.forTests());
             WebGateway gateway = WebGateway.start(WebConfig.forTests(new Upstream("127.0.0.1", server.port())))) {
            code = LoadGenerator.run(new String[] {"fanout", "--websocket", "--port", "" + gateway.port(),
                "--users", "100", "--senders", "5", "--messages", "40", "--timeout", "30",
                "--gateway-pid", "" + ProcessHandle.current().pid()},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        }
        assertEquals(LoadGenerator.OK, code, err.toString(StandardCharsets.UTF_8));
        JsonNode result = JsonMapper.builder().build().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals("websocket", result.get("via").asString());
        assertEquals(100 * 101 / 2, result.get("login").get("joinLines").asLong());
        JsonNode delivery = result.get("delivery");
        assertEquals(200, delivery.get("sent").asLong());
        assertEquals(200 * 100, delivery.get("delivered").asLong());
        assertEquals(0, delivery.get("lost").asLong());
        assertEquals(0, delivery.get("outOfOrder").asLong());
        assertTrue(result.get("gatewayCpu").get("coresUsed").isNumber());
        assertTrue(result.get("gatewayCpuMicrosPerDelivery").asDouble() > 0);
    }
}
