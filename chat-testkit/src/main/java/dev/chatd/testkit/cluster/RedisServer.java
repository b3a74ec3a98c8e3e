package dev.chatd.testkit.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} of the test's own: a free port on 127.0.0.1, a fresh temporary
 * directory, no RDB snapshots, and AOF when the test asks for persistence. It can be stopped and
 * started again on the same port and directory (with its data, or {@link #restartEmpty empty}),
 * and be made slow. Commands from the test go through {@code redis-cli}: the tests speak no Redis
 * protocol of their own.
 *
 * <p>Without {@code redis-server} on the PATH a test is skipped with a message saying so; on CI
 * ({@code CI=true}) it fails instead, so a CI machine without Redis cannot pass by skipping.
 */
public final class RedisServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final Path dir;
    private final int port;
    private final boolean aof;
    private Process process;

    private RedisServer(Path dir, int port, boolean aof) {
        this.dir = dir;
        this.port = port;
        this.aof = aof;
    }

    /** Starts a Redis without persistence. */
    public static RedisServer start() {
        return start(false);
    }

    /** Starts a Redis, with AOF ({@code appendfsync always}) when {@code aof}. */
    public static RedisServer start(boolean aof) {
        requireInstalled();
        try {
            RedisServer redis = new RedisServer(Files.createTempDirectory("chatd-redis"), freePort(), aof);
            redis.launch();
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException("redis-server did not start", e);
        }
    }

    /** Skips the test (fails it on CI) when {@code redis-server} is not installed. */
    public static void requireInstalled() {
        if (onPath("redis-server") && onPath("redis-cli")) return;
        String message = "redis-server and redis-cli are not installed (apt-get install -y redis-server): "
                + "the cluster tests need a real Redis";
        if ("true".equals(System.getenv("CI"))) throw new AssertionError(message);
        Assumptions.abort(message);
    }

    /** The URI the nodes are given: {@code redis://127.0.0.1:<port>}. */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Stops Redis as an operator would (SHUTDOWN, which writes the AOF), and waits for it to exit. */
    public void stop() {
        if (process == null) return;
        cli("SHUTDOWN", aof ? "SAVE" : "NOSAVE");
        awaitExit();
    }

    /** Kills Redis (SIGKILL): what it had not written is gone. */
    public void kill() {
        if (process == null) return;
        process.destroyForcibly();
        awaitExit();
    }

    /** Starts Redis again on the same port and directory, so with an AOF it has its data back. */
    public void restart() {
        launch();
    }

    /** Starts Redis again on the same port with no data at all. */
    public void restartEmpty() {
        deleteContents();
        launch();
    }

    /** Runs a command with {@code redis-cli} and returns its output, trimmed. */
    public String cli(String... command) {
        List<String> line = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port)));
        line.addAll(List.of(command));
        try {
            Process cli = new ProcessBuilder(line).redirectErrorStream(true).start();
            String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            cli.waitFor(10, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Makes Redis answer nothing to anyone for {@code duration} (CLIENT PAUSE), then as before. */
    public void pause(Duration duration) {
        cli("CLIENT", "PAUSE", Long.toString(duration.toMillis()), "ALL");
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroyForcibly();
            awaitExit();
        }
        deleteContents();
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a temporary directory: the OS cleans it up in the end
        }
    }

    private void launch() {
        List<String> command = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--dir", dir.toString(), "--save", "", "--daemonize", "no",
                "--logfile", dir.resolve("redis.log").toString()));
        if (aof) command.addAll(List.of("--appendonly", "yes", "--appendfsync", "always"));
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException("redis-server did not start", e);
        }
        Awaitility.await("redis-server on port " + port).atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(20))
                .until(this::answers);
    }

    private boolean answers() {
        if (!process.isAlive()) throw new IllegalStateException("redis-server exited: " + log());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        } catch (IOException e) {
            return false;
        }
        return cli("PING").equals("PONG");
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("redis.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private void deleteContents() {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) return true;
        }
        return false;
    }
}
