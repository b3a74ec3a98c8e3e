package dev.chatd.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatd.callback.CallbackServer;
import dev.chatd.common.config.ChatConfig;
import dev.chatd.common.server.ChatServer;
import dev.chatd.common.server.ChatServerFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the generator working against a real server: a small fan-out against the callback server
 * started in this JVM must lose nothing and report every field.
 */
@Timeout(60)
class CallbackServerSmokeTest {

    private final ChatServerFactory factory = CallbackServer::start;

    @Test
    void smallFanoutLosesNothing() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (ChatServer server = factory.start(ChatConfig.forTests())) {
            code = LoadGenerator.run(new String[] {"fanout", "--port", "" + server.port(), "--users", "200",
                "--senders", "5", "--messages", "50", "--timeout", "30"},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        }
        assertEquals(LoadGenerator.OK, code, err.toString(StandardCharsets.UTF_8));
        JsonNode result = JsonMapper.builder().build().readTree(out.toString(StandardCharsets.UTF_8));
        assertTrue(result.get("ok").asBoolean());
        assertEquals(200, result.get("login").get("loggedIn").asInt());
        assertEquals(200 * 201 / 2, result.get("login").get("joinLines").asLong());
        JsonNode delivery = result.get("delivery");
        assertEquals(250, delivery.get("sent").asLong());
        assertEquals(250 * 200, delivery.get("delivered").asLong());
        assertEquals(0, delivery.get("lost").asLong());
        assertEquals(0, delivery.get("outOfOrder").asLong());
        assertEquals(0, delivery.get("disconnects").asLong());
        for (String field : List.of("perSecond", "seconds")) assertTrue(delivery.has(field), field);
        for (String field : List.of("p50Ms", "p99Ms", "p999Ms", "maxMs")) assertTrue(result.get("latency").has(field), field);
        assertTrue(result.get("generatorCpu").has("coresUsed"));
    }
}
