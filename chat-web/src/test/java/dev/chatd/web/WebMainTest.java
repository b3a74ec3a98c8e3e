package dev.chatd.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The exit codes and messages of {@link WebMain#run}, in the servers' words. */
class WebMainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(CompletableFuture<String> stop, String... args) {
        return WebMain.run(args, Map.of(), new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8), stop);
    }

    @Test
    void helpPrintsTheOptionsAndExitsZero() {
        assertEquals(0, run(new CompletableFuture<>(), "--help"));
        assertTrue(out.toString(UTF_8).startsWith("Usage: chat-web [options]"), out.toString(UTF_8));
        assertEquals("", err.toString(UTF_8));
    }

    @Test
    void aBadFlagExitsTwoWithTheHint() {
        assertEquals(2, run(new CompletableFuture<>(), "--port", "eighty"));
        assertEquals("chat-web: --port: not a number: \"eighty\"\nTry 'chat-web --help' for the list of options.\n",
                err.toString(UTF_8));
    }

    @Test
    void aTakenPortExitsOneWithTheServersWording() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertEquals(1, run(new CompletableFuture<>(), "--host", "127.0.0.1", "--port", "" + port));
            assertEquals("chat-web: cannot listen on 127.0.0.1:" + port + ": address already in use\n", err.toString(UTF_8));
        }
    }

    @Test
    void aStopRequestClosesTheGatewayAndExitsZero() {
        CompletableFuture<String> stop = CompletableFuture.completedFuture("SIGTERM");
        assertEquals(0, run(stop, "--host", "127.0.0.1", "--port", "0"));
    }
}
