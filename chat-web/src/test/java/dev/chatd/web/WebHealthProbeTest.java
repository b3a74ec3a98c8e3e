package dev.chatd.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The container probe against a running gateway, and against a port where none listens. */
class WebHealthProbeTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private int probe(Map<String, String> env) {
        return WebHealthProbe.run(new String[0], env, new PrintStream(out, true, UTF_8));
    }

    @Test
    void aServingGatewayIsHealthy() {
        try (ChatAndGateway chat = ChatAndGateway.start()) {
            int code = probe(Map.of("CHAT_WEB_PORT", "" + chat.gateway().port(), "CHAT_WEB_HOST", "127.0.0.1"));
            assertEquals(WebHealthProbe.HEALTHY, code, out.toString(UTF_8));
            assertTrue(out.toString(UTF_8).startsWith("healthy: GET http://127.0.0.1:"), out.toString(UTF_8));
        }
    }

    @Test
    void noGatewayIsUnhealthy() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        assertEquals(WebHealthProbe.UNHEALTHY, probe(Map.of("CHAT_WEB_PORT", "" + port)));
        assertTrue(out.toString(UTF_8).startsWith("unhealthy: "), out.toString(UTF_8));
    }
}
