package dev.chatd.reliability;

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
 * A chat server in a child JVM whose open-file limit is lowered with the shell's {@code ulimit -n},
 * so the limit hits that process alone and never this one. Started with this JVM's class path and a
 * server's main class; the chosen port is read from its "listening on" log line.
 */
final class ChildServer implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    private static final int LOG_LINES_KEPT = 40;

    private final Process process;
    private final int port;
    private final ArrayDeque<String> logTail;

    private ChildServer(Process process, int port, ArrayDeque<String> logTail) {
        this.process = process;
        this.port = port;
        this.logTail = logTail;
    }

    /** Starts {@code mainClass} on 127.0.0.1 and a free port, with at most {@code openFiles} descriptors. */
    static ChildServer start(Class<?> mainClass, int openFiles) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = "ulimit -n " + openFiles + " && exec \"$0\" -Xmx128m -cp \"$1\""
                + " -Dorg.slf4j.simpleLogger.defaultLogLevel=info " + mainClass.getName()
                + " --host 127.0.0.1 --port 0 --rate-limit 0";
        Process process = new ProcessBuilder(List.of("bash", "-c", command, java, System.getProperty("java.class.path")))
                .redirectErrorStream(true)
                .start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        ArrayDeque<String> logTail = new ArrayDeque<>();
        Thread logReader = new Thread(() -> readLog(process, port, logTail), "child server log");
        logReader.setDaemon(true);
        logReader.start();
        try {
            return new ChildServer(process, port.get(30, TimeUnit.SECONDS), logTail);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("the child server did not report its port", e);
        }
    }

    /** Watches the child's log for its port, and keeps draining it so the child never blocks on a full pipe. */
    private static void readLog(Process process, CompletableFuture<Integer> port, ArrayDeque<String> logTail) {
        try (BufferedReader log = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = log.readLine()) != null; ) {
                synchronized (logTail) {
                    logTail.add(line);
                    if (logTail.size() > LOG_LINES_KEPT) {
                        logTail.poll();
                    }
                }
                Matcher m = LISTENING.matcher(line);
                if (!port.isDone() && m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                }
            }
        } catch (IOException e) {
            port.completeExceptionally(e);
        }
        port.completeExceptionally(new IOException("the child server's log ended"));
    }

    /** The child's last log lines, for failure messages. */
    String logTail() {
        synchronized (logTail) {
            return String.join("\n", logTail);
        }
    }

    int port() {
        return port;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy(); // SIGTERM: the graceful shutdown
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
