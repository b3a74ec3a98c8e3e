package dev.chatd.common.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatd.common.config.ChatConfig;
import dev.chatd.common.room.ChatHub;
import dev.chatd.common.room.Connection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthProbeTest {

    private static final Duration SHORT = Duration.ofMillis(300);
    private static final Duration LONG = Duration.ofSeconds(10);

    private final ServerSocket listener = bind();
    private final ExecutorService acceptor = Executors.newSingleThreadExecutor();
    private final CountDownLatch probeDone = new CountDownLatch(1);

    private static ServerSocket bind() {
        try {
            return new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @AfterEach
    void stop() throws Exception {
        probeDone.countDown();
        listener.close();
        acceptor.shutdownNow();
        assertTrue(acceptor.awaitTermination(10, TimeUnit.SECONDS));
    }

    /** Accepts one connection and writes {@code chunks} to it, then holds it open until the probe is done. */
    private void serve(byte[]... chunks) {
        acceptor.execute(() -> {
            try (Socket socket = listener.accept()) {
                OutputStream out = socket.getOutputStream();
                for (byte[] chunk : chunks) {
                    out.write(chunk);
                    out.flush();
                }
                probeDone.await(10, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException e) {
                // the test's own assertions say what went wrong
            }
        });
    }

    private HealthProbe.Result probe(Duration timeout) {
        HealthProbe.Result result = HealthProbe.probe(
                new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort()), timeout);
        probeDone.countDown();
        return result;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theRealGreetingIsHealthy() {
        ChatHub hub = new ChatHub(ChatConfig.forTests().withName("probe-me"));
        List<byte[]> greeting = new ArrayList<>();
        Connection connection = new Connection() {
            @Override
            public void send(byte[] line) {
                greeting.add(line);
            }

            @Override
            public void sendLast(byte[] line) {
                greeting.add(line);
            }

            @Override
            public String remote() {
                return "probe";
            }
        };
        hub.admit(connection);
        hub.greet(connection);
        serve(greeting.toArray(byte[][]::new));
        HealthProbe.Result result = probe(LONG);
        assertTrue(result.healthy(), result.detail());
        assertEquals("Welcome to probe-me", result.detail());
    }

    @Test
    void aGreetingInPiecesIsHealthy() {
        serve(utf8("Wel"), utf8("come to chatd\r"), utf8("\nUsername: "));
        assertTrue(probe(LONG).healthy());
    }

    @Test
    void aFullServerIsServingAndSoHealthy() {
        serve(utf8("! server is full, try again later\r\n"));
        assertTrue(probe(LONG).healthy());
    }

    @Test
    void aCloseWithoutWelcomeIsUnhealthy() {
        acceptor.execute(() -> {
            try (Socket socket = listener.accept()) {
                socket.getOutputStream().write(utf8("bye\r\n"));
            } catch (IOException e) {
                // seen by the probe as a close
            }
        });
        HealthProbe.Result result = probe(LONG);
        assertFalse(result.healthy());
        assertEquals("closed without a welcome after \"bye\\r\\n\"", result.detail());
    }

    @Test
    void silenceIsUnhealthyAfterTheTimeout() {
        serve();
        HealthProbe.Result result = probe(SHORT);
        assertFalse(result.healthy());
        assertEquals("no welcome within 300 ms", result.detail());
    }

    @Test
    void anotherProtocolIsUnhealthy() {
        serve(new byte[2000]);
        assertFalse(probe(LONG).healthy());
    }

    @Test
    void nothingListeningIsUnhealthy() throws Exception {
        InetSocketAddress closed = new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
        listener.close();
        HealthProbe.Result result = HealthProbe.probe(closed, LONG);
        assertFalse(result.healthy());
        assertTrue(result.detail().startsWith("cannot connect to "), result.detail());
    }

    @Test
    void runReadsThePortFromTheEnvironmentAndProbesLoopbackForAWildcardHost() {
        serve(utf8("Welcome to chatd\r\nUsername: "));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = HealthProbe.run(new String[0],
                Map.of("CHAT_PORT", Integer.toString(listener.getLocalPort()), "CHAT_HOST", "0.0.0.0"),
                new PrintStream(out, true, StandardCharsets.UTF_8), LONG);
        probeDone.countDown();
        assertEquals(0, code);
        assertEquals("healthy: Welcome to chatd" + System.lineSeparator(), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aBadConfigurationIsUnhealthyNotAUsageError() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = HealthProbe.run(new String[0], Map.of("CHAT_PORT", "abc"),
                new PrintStream(out, true, StandardCharsets.UTF_8), LONG);
        assertEquals(1, code);
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("unhealthy: bad configuration: CHAT_PORT: "));
    }

    @Test
    void versionIsPrintedWithoutProbing() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = HealthProbe.run(new String[] {"--version"}, Map.of("CHAT_PORT", "abc"),
                new PrintStream(out, true, StandardCharsets.UTF_8), LONG);
        assertEquals(0, code);
        assertEquals("chatd-healthcheck " + ProjectVersion.current() + "\n", out.toString(StandardCharsets.UTF_8));
    }
}
