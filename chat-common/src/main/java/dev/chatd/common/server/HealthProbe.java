package dev.chatd.common.server;

import dev.chatd.common.config.ChatConfig;
import dev.chatd.common.config.ConfigParser;
import dev.chatd.common.config.ParseOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * A container health check that needs nothing but the JDK (no curl or nc in the image): it
 * connects to this machine's chat port and passes when the server answers in its protocol within
 * a few seconds. Run as {@code java -cp chatd.jar dev.chatd.common.server.HealthProbe}; it reads
 * the port and host as the server does ({@code CHAT_PORT}, {@code CHAT_HOST}, or the same flags).
 * Exit 0 is healthy, 1 is not, as Docker expects.
 *
 * <p>A full server ({@code ! server is full}) counts as healthy: it is serving, and an
 * orchestrator that restarted a server for being busy would drop everyone on it.
 */
public final class HealthProbe {

    static final int HEALTHY = 0;
    static final int UNHEALTHY = 1;
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    private static final String PROGRAM = "chatd-healthcheck";
    private static final String WELCOME = "Welcome to ";
    private static final String FULL = "! server is full";
    // The welcome line is short; a peer that sends this much without it is not our server.
    private static final int MAX_READ = 1024;

    /** What a probe found: healthy or not, and one line saying why, for {@code docker inspect}. */
    record Result(boolean healthy, String detail) {
    }

    private HealthProbe() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, DEFAULT_TIMEOUT));
    }

    /** Probes the chat port that {@code args} and {@code env} configure; returns the exit code. */
    static int run(String[] args, Map<String, String> env, PrintStream out, Duration timeout) {
        ParseOutcome<ChatConfig> outcome = new ConfigParser(PROGRAM).parse(args, env);
        if (outcome instanceof ParseOutcome.Invalid<ChatConfig> invalid) {
            out.println("unhealthy: bad configuration: " + invalid.message());
            return UNHEALTHY;
        }
        if (outcome instanceof ParseOutcome.Version<ChatConfig>) {
            out.print(ServerMain.versionLine(PROGRAM));
            return HEALTHY;
        }
        if (outcome instanceof ParseOutcome.Help<ChatConfig>) {
            out.println("Usage: java -cp chatd.jar " + HealthProbe.class.getName()
                    + " [the server's options]: exit 0 when the chat port greets, else 1");
            return HEALTHY;
        }
        ChatConfig config = ((ParseOutcome.Parsed<ChatConfig>) outcome).config();
        Result result;
        try {
            result = probe(new InetSocketAddress(probeAddress(config.host()), config.port()), timeout);
        } catch (UnknownHostException e) {
            result = new Result(false, "unknown host " + config.host());
        }
        out.println((result.healthy() ? "healthy: " : "unhealthy: ") + result.detail());
        return result.healthy() ? HEALTHY : UNHEALTHY;
    }

    /** Connects to {@code target} and waits, at most {@code timeout} in all, for the welcome line. */
    static Result probe(InetSocketAddress target, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Socket socket = new Socket()) {
            socket.connect(target, (int) Math.max(1, timeout.toMillis()));
            InputStream in = socket.getInputStream();
            StringBuilder seen = new StringBuilder();
            byte[] buffer = new byte[256];
            while (seen.length() < MAX_READ) {
                long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                socket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
                int n = in.read(buffer);
                if (n < 0) return new Result(false, "closed without a welcome after " + quoted(seen));
                seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                int welcome = seen.indexOf(WELCOME);
                if (welcome >= 0 && seen.indexOf("\r\n", welcome) >= 0) {
                    return new Result(true, firstLine(seen.substring(welcome)));
                }
                if (seen.indexOf(FULL) >= 0) return new Result(true, "serving, and full");
            }
            return new Result(false, "no welcome in " + quoted(seen));
        } catch (SocketTimeoutException e) {
            return new Result(false, "no welcome within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new Result(false, "cannot connect to " + target + ": " + e.getMessage());
        }
    }

    // A server listening on every interface is reached on loopback; one bound to a single address, there.
    private static InetAddress probeAddress(String host) throws UnknownHostException {
        InetAddress address = InetAddress.getByName(host);
        return address.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : address;
    }

    private static String firstLine(String text) {
        int end = text.indexOf("\r\n");
        return end < 0 ? text : text.substring(0, end);
    }

    private static String quoted(CharSequence text) {
        String shown = text.length() > 80 ? text.subSequence(0, 80) + "…" : text.toString();
        return '"' + shown.replace("\r", "\\r").replace("\n", "\\n") + '"';
    }
}
