package dev.chatd.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.opentest4j.AssertionFailedError;

/**
 * A plain WebSocket client (the JDK's), as a program rather than a browser uses the gateway:
 * every text message it receives is kept in order, and its close code is recorded. Waits fail
 * after {@link #TIMEOUT} showing what arrived.
 */
public final class WsClient implements AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final WebSocket socket;
    private final Collector collector;
    private int cursor;

    private WsClient(WebSocket socket, Collector collector) {
        this.socket = socket;
        this.collector = collector;
    }

    /** Opens a WebSocket sending {@code origin} (none when null); fails when the handshake does. */
    public static WsClient open(URI uri, String origin) {
        Collector collector = new Collector();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT);
        if (origin != null) builder.header("Origin", origin);
        try {
            WebSocket socket = builder.buildAsync(uri, collector).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return new WsClient(socket, collector);
        } catch (Exception e) {
            throw new AssertionFailedError("WebSocket handshake with " + uri + " failed: " + e, e);
        }
    }

    /** The HTTP status a refused handshake got (the handshake must fail). */
    public static int refusedStatus(URI uri, String origin) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT);
        if (origin != null) builder.header("Origin", origin);
        try {
            builder.buildAsync(uri, new Collector()).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).abort();
            throw new AssertionFailedError("the handshake with Origin " + origin + " was accepted");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) return refused.getResponse().statusCode();
            throw new AssertionFailedError("expected a refused handshake, got " + e.getCause(), e);
        } catch (Exception e) {
            throw new AssertionFailedError("handshake did not finish: " + e, e);
        }
    }

    /** Sends one text message. */
    public WsClient send(String text) {
        socket.sendText(text, true).join();
        return this;
    }

    /** Waits for the next message and moves past it. */
    public String next() {
        int index = cursor;
        String message = waitFor("message " + index, () -> collector.size() > index ? collector.get(index) : null);
        cursor = index + 1;
        return message;
    }

    /** Skips to the first unread message equal to {@code expected}. */
    public String await(String expected) {
        return await(expected::equals, "<" + expected + ">");
    }

    /** Skips to the first unread message that passes {@code test}. */
    public String await(Predicate<String> test, String what) {
        int from = cursor;
        int found = waitFor(what, () -> {
            for (int i = from; i < collector.size(); i++) if (test.test(collector.get(i))) return i;
            return null;
        });
        cursor = found + 1;
        return collector.get(found);
    }

    /** Logs in as {@code name}: the prompt, then the name, then the server's join line. */
    public WsClient login(String name) {
        await("Username: ");
        send(name);
        await("* " + name + " joined #lobby");
        return this;
    }

    /** Waits until the gateway closed this WebSocket and returns the close code. */
    public int awaitClose() {
        return waitFor("the close", () -> collector.closeCode);
    }

    /** Every message received so far. */
    public List<String> messages() {
        return collector.snapshot();
    }

    /** The close code, or null while open. */
    public Integer closeCode() {
        return collector.closeCode;
    }

    @Override
    public void close() {
        socket.abort();
    }

    private <T> T waitFor(String what, java.util.function.Supplier<T> probe) {
        try {
            Awaitility.await().atMost(TIMEOUT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                    .pollInSameThread().until(() -> probe.get() != null || collector.closeCode != null);
        } catch (ConditionTimeoutException e) {
            throw new AssertionFailedError("waited " + TIMEOUT.toSeconds() + " s for " + what + "; received " + messages());
        }
        T value = probe.get();
        if (value == null) {
            throw new AssertionFailedError("closed (" + collector.closeCode + ") while waiting for " + what
                    + "; received " + messages());
        }
        return value;
    }

    /** Keeps what the socket receives; messages split into parts are joined. */
    private static final class Collector implements WebSocket.Listener {
        private final List<String> messages = new ArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        private volatile Integer closeCode;

        synchronized int size() {
            return messages.size();
        }

        synchronized String get(int index) {
            return messages.get(index);
        }

        synchronized List<String> snapshot() {
            return List.copyOf(messages);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            synchronized (this) {
                partial.append(data);
                if (last) {
                    messages.add(partial.toString());
                    partial.setLength(0);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode = statusCode;
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            if (closeCode == null) closeCode = -1; // the connection ended without a close frame
        }
    }
}
