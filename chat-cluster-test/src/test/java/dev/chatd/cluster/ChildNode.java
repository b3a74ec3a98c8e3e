package dev.chatd.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cluster node in a child JVM, started as an operator would (the server's main class with
 * {@code --redis} and {@code --node-id}), so a test can SIGKILL it: what a node that dies without
 * saying goodbye leaves behind. As chat-reliability's ChildServer does, the port is read from the
 * "listening on" log line.
 */
final class ChildNode implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final int port;
    private final ArrayDeque<String> logTail = new ArrayDeque<>();

    private ChildNode(Process process, CompletableFuture<Integer> port) throws Exception {
        this.process = process;
        Thread reader = new Thread(() -> readLog(port), "child node log");
        reader.setDaemon(true);
        reader.start();
        try {
            this.port = port.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("the child node did not start: " + log(), e);
        }
    }

    static ChildNode start(Class<?> mainClass, String redisUri, String nodeId) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", mainClass.getName(),
                "--host", "127.0.0.1", "--port", "0", "--rate-limit", "0", "--redis", redisUri, "--node-id", nodeId))
                .redirectErrorStream(true)
                .start();
        return new ChildNode(process, new CompletableFuture<>());
    }

    int port() {
        return port;
    }

    /** SIGKILL: no goodbye, no shutdown notice, nothing flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM: the node's graceful shutdown; returns its exit code. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) throw new IllegalStateException("no exit after SIGTERM: " + log());
        return process.exitValue();
    }

    String log() {
        synchronized (logTail) {
            return String.join("\n", logTail);
        }
    }

    private void readLog(CompletableFuture<Integer> port) {
        try (BufferedReader log = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = log.readLine()) != null; ) {
                synchronized (logTail) {
                    logTail.add(line);
                    if (logTail.size() > 40) logTail.poll();
                }
                Matcher m = LISTENING.matcher(line);
                if (!port.isDone() && m.find()) port.complete(Integer.parseInt(m.group(1)));
            }
        } catch (IOException e) {
            port.completeExceptionally(e);
        }
        port.completeExceptionally(new IOException("the child node's log ended"));
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
