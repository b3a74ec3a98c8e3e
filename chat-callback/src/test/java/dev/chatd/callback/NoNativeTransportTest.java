package dev.chatd.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A machine where no native transport loads, as Netty's own switch makes one
 * ({@code -Dio.netty.transport.noNative=true}), in a child JVM since Netty decides once per JVM:
 * {@code --transport auto} falls back to NIO and says so; an explicit native transport is a start
 * failure (exit 1) that gives the reason, never a silent fallback.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NoNativeTransportTest {

    /** A child JVM running the callback server's main with Netty's native transports off; output in one stream. */
    private static Process start(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dio.netty.transport.noNative=true",
                // The tests' simplelogger.properties keeps INFO out; the child's start-up lines are the point.
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                "-cp", System.getProperty("java.class.path"),
                CallbackServerMain.class.getName(), "--host", "127.0.0.1", "--port", "0"));
        command.addAll(List.of(args));
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void anExplicitNativeTransportThatCannotLoadIsAStartFailureThatSaysWhy() throws Exception {
        for (String transport : List.of("epoll", "io_uring")) {
            Process child = start("--transport", transport);
            String output = readAll(child.getInputStream());
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "still running: " + output);

            assertEquals(1, child.exitValue(), output);
            assertTrue(output.contains("chat-callback: failed to start on 127.0.0.1:0: the " + transport
                    + " transport is not available here (native transport was explicit disabled with"
                    + " -Dio.netty.transport.noNative=true); --transport auto picks one that is"), output);
        }
    }

    @Test
    void autoFallsBackToNioAndSaysSo() throws Exception {
        Process child = start("--transport", "auto");
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            InputStream in = child.getInputStream();
            byte[] chunk = new byte[4096];
            try {
                for (int n; (n = in.read(chunk)) >= 0; ) {
                    synchronized (output) {
                        output.append(new String(chunk, 0, n, StandardCharsets.UTF_8));
                    }
                }
            } catch (IOException e) {
                // the child is gone: what it wrote is in output
            }
        }, "child output");
        reader.setDaemon(true);
        reader.start();
        try {
            Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> {
                synchronized (output) {
                    return output.toString().contains("listening on 127.0.0.1:");
                }
            });
            synchronized (output) {
                assertTrue(output.toString().contains("using the nio transport with "), output.toString());
            }
        } finally {
            child.destroy(); // SIGTERM: the graceful shutdown
        }
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), output.toString());
    }
}
