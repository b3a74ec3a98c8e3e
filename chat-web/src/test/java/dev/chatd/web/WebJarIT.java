package dev.chatd.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatd.callback.CallbackServer;
import dev.chatd.common.config.ChatConfig;
import dev.chatd.common.server.ChatServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged {@code chat-web.jar} run as a process, as its container runs it: it serves the
 * page, bridges to a real server, its health probe passes, and SIGTERM ends it with exit 0; plus
 * the exit codes of {@code --help}, {@code --version} and a bad flag.
 */
class WebJarIT {

    private static final Path JAR = Path.of("target", "chat-web.jar").toAbsolutePath();

    @Test
    void servesBridgesPassesItsProbeAndStopsCleanlyOnSigterm() throws Exception {
        try (ChatServer server = CallbackServer.start(ChatConfig.forTests())) {
            int port = freePort();
            Map<String, String> env = Map.of("CHAT_WEB_PORT", "" + port, "CHAT_WEB_HOST", "127.0.0.1",
                    "CHAT_WEB_UPSTREAM", "127.0.0.1:" + server.port());
            Path log = Path.of("target", "web-jar.log").toAbsolutePath();
            Process gateway = start(List.of("-jar", JAR.toString()), env, log);
            try {
                HttpClient http = HttpClient.newHttpClient();
                URI page = URI.create("http://127.0.0.1:" + port + "/");
                await("the page (log: " + log + ")").atMost(Duration.ofSeconds(30)).ignoreException(ConnectException.class)
                        .until(() -> {
                            if (!gateway.isAlive()) throw new AssertionError("exited: " + Files.readString(log));
                            return http.send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.ofString())
                                    .statusCode() == 200;
                        });
                try (WsClient browser = WsClient.open(URI.create("ws://127.0.0.1:" + port + "/ws"), "http://127.0.0.1:" + port)) {
                    browser.login("alice");
                }
                Process probe = start(List.of("-cp", JAR.toString(), WebHealthProbe.class.getName()), env,
                        Path.of("target", "web-probe.log").toAbsolutePath());
                assertTrue(probe.waitFor(30, TimeUnit.SECONDS));
                assertEquals(0, probe.exitValue(), Files.readString(Path.of("target", "web-probe.log")));

                gateway.destroy(); // SIGTERM
                assertTrue(gateway.waitFor(30, TimeUnit.SECONDS), "still running after SIGTERM");
                assertEquals(0, gateway.exitValue(), Files.readString(log));
                String output = Files.readString(log);
                assertTrue(output.contains("chat-web listening on 127.0.0.1:" + port), output);
                assertTrue(output.contains("chat-web stopped"), output);
            } finally {
                if (gateway.isAlive()) gateway.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void helpVersionAndABadFlag() throws Exception {
        assertEquals(0, runToEnd("--help").exitCode());
        assertTrue(runToEnd("--help").output().contains("CHAT_WEB_UPSTREAM"));
        assertEquals(new Run(0, "chat-web " + System.getProperty("chatd.project.version") + "\n"), runToEnd("--version"));
        assertEquals(new Run(2, "chat-web: --upstream: not host:port: \"nowhere\"\n"
                + "Try 'chat-web --help' for the list of options.\n"), runToEnd("--upstream", "nowhere"));
    }

    private record Run(int exitCode, String output) {
    }

    private static Run runToEnd(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(Path.of("target"), "web-run", ".log");
        Process process = start(command, Map.of(), log);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "still running: " + command);
        return new Run(process.exitValue(), Files.readString(log));
    }

    private static Process start(List<String> javaArgs, Map<String, String> env, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("CHAT_"));
        builder.environment().putAll(env);
        return builder.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
