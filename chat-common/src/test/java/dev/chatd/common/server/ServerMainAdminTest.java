package dev.chatd.common.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** ServerMain's part in the admin endpoint: started after the server, closed after it, fatal when it cannot bind. */
class ServerMainAdminTest {

    private static final String PROGRAM = "chatd-test";

    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicReference<FakeChatServer> started = new AtomicReference<>();

    private int run(CompletableFuture<String> stop, Runnable onClose, String... args) {
        ChatServerFactory factory = config -> {
            FakeChatServer server = new FakeChatServer(config, onClose);
            started.set(server);
            return server;
        };
        return ServerMain.run(PROGRAM, args, Map.of(), factory, out, err, stop);
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void servesHealthAndMetricsUntilTheServerHasClosed() throws Exception {
        int adminPort = freePort();
        AtomicInteger healthWhileClosing = new AtomicInteger();
        Runnable onClose = () -> {
            // What a real server's close() does first; the endpoint must still be up to say so.
            started.get().hub().shutdown();
            try {
                healthWhileClosing.set(get(adminPort, "/health").statusCode());
            } catch (IOException | InterruptedException e) {
                throw new AssertionError(e);
            }
        };
        CompletableFuture<String> stop = new CompletableFuture<>();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> run(stop, onClose,
                "--host", "127.0.0.1", "--port", "0", "--admin-port", Integer.toString(adminPort)));

        await().atMost(Duration.ofSeconds(10)).ignoreException(ConnectException.class)
                .until(() -> get(adminPort, "/health").statusCode() == 200);
        String metrics = get(adminPort, "/metrics").body();
        assertTrue(metrics.contains("chatd_info{server=\"" + PROGRAM + "\"} 1"), metrics);

        stop.complete("test");

        assertEquals(0, exit.get(10, TimeUnit.SECONDS));
        assertEquals(503, healthWhileClosing.get());
        assertThrows(ConnectException.class, () -> get(adminPort, "/health"));
    }

    @Test
    void anAdminPortInUseExitsOneAfterClosingTheServer() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            int code = run(new CompletableFuture<>(), () -> { },
                    "--host", "127.0.0.1", "--port", "0", "--admin-port", Integer.toString(port));

            assertEquals(1, code);
            assertEquals(1, started.get().closeCount());
            String stderr = errBytes.toString(StandardCharsets.UTF_8);
            assertTrue(stderr.startsWith(PROGRAM + ": cannot listen on 127.0.0.1:" + port + " (admin): "), stderr);
        }
    }
}
