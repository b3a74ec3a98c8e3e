package dev.chatd.common.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The real signal path: a child JVM runs {@link FakeServerMain}, gets SIGTERM or SIGINT, and must
 * close the server and exit 0 rather than the JVM's default 143 or 130.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class SignalEndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private Process child;
    private final List<String> output = new CopyOnWriteArrayList<>();

    @AfterEach
    void killChild() {
        if (child != null) {
            child.destroyForcibly();
        }
    }

    @Test
    void sigtermClosesTheServerAndExitsZero() throws Exception {
        startChild("--name", "e2e");

        // SIGTERM on Unix; unlike Process.destroy() it leaves the child's stdout open for us to read.
        assertTrue(child.toHandle().destroy(), "could not send SIGTERM");

        assertGracefulExit();
    }

    @Test
    void sigintClosesTheServerAndExitsZero() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/kill")), "needs /bin/kill to send SIGINT");
        assumeTrue(!sigintIgnoredHere(), "SIGINT is ignored in this process, so the child would inherit that");
        startChild("--name", "e2e");

        Process kill = new ProcessBuilder("/bin/kill", "-INT", Long.toString(child.pid())).inheritIO().start();
        assertTrue(kill.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS));
        assertEquals(0, kill.exitValue());

        assertGracefulExit();
    }

    @Test
    void aBadFlagExitsTwoWithoutStarting() throws Exception {
        startProcess("--port", "abc");

        assertTrue(child.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS), "child did not exit");
        assertEquals(2, child.exitValue(), this::describe);
        awaitOutputLine("fake-chatd: --port: not a number: \"abc\"");
    }

    private void startChild(String... args) throws IOException {
        startProcess(args);
        // Signal handlers are installed before the server starts, so "ready" means a signal is handled.
        await().atMost(PATIENCE).until(() -> hasLineStartingWith(FakeServerMain.READY) || !child.isAlive());
        assertTrue(hasLineStartingWith(FakeServerMain.READY + " as e2e"), this::describe);
    }

    private void startProcess(String... args) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), FakeServerMain.class.getName()));
        command.addAll(List.of(args));
        child = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread reader = new Thread(this::collectOutput, "child-output");
        reader.setDaemon(true);
        reader.start();
    }

    private void collectOutput() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            in.lines().forEach(output::add);
        } catch (IOException | UncheckedIOException e) {
            output.add("(reading the child's output failed: " + e + ")");
        }
    }

    private void assertGracefulExit() throws InterruptedException {
        assertTrue(child.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS), "child did not exit");
        assertEquals(0, child.exitValue(), this::describe);
        awaitOutputLine(FakeServerMain.CLOSED);
    }

    private void awaitOutputLine(String line) {
        // The reader thread may still be draining the pipe after the child has exited.
        await().atMost(PATIENCE).until(() -> output.contains(line) || output.stream().anyMatch(l -> l.startsWith("(reading")));
        assertTrue(output.contains(line), this::describe);
    }

    private boolean hasLineStartingWith(String prefix) {
        return output.stream().anyMatch(l -> l.startsWith(prefix));
    }

    private String describe() {
        return "child output:\n" + String.join("\n", output);
    }

    /** Whether this JVM inherited SIG_IGN for SIGINT (e.g. started in the background without job control). */
    private static boolean sigintIgnoredHere() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        return Files.readAllLines(status).stream()
                .filter(l -> l.startsWith("SigIgn:"))
                .map(l -> Long.parseUnsignedLong(l.substring("SigIgn:".length()).strip(), 16))
                .anyMatch(mask -> (mask & (1L << (2 - 1))) != 0);
    }
}
