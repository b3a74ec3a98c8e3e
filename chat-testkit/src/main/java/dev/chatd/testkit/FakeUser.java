package dev.chatd.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;
import org.opentest4j.AssertionFailedError;
import tools.jackson.databind.node.ObjectNode;

/**
 * One person at a terminal, as the server sees them: a real TCP connection on loopback, and a
 * thread that reads everything the server sends into a {@link ServerOutput}.
 *
 * <p>Reading is driven by one test thread through a cursor: {@link #nextLine()} takes the next
 * unread line, {@link #awaitLine(String)} skips ahead to a matching one, {@link #awaitReceived(String)}
 * looks anywhere without moving the cursor. Every wait gives up after
 * {@link #TIMEOUT}, and every failure shows what this user had received, cursor marked. Sending
 * is safe from any thread.
 */
public final class FakeUser implements AutoCloseable {

    /** How long any single wait may take before the test fails. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final Duration POLL = Duration.ofMillis(5);
    private static final int SHOWN_LINES = 40;

    private final Socket socket;
    private final OutputStream out;
    private final ServerOutput received = new ServerOutput();
    private final Object pauseLock = new Object();
    private boolean paused; // guarded by pauseLock
    private volatile String label;
    // Only the test thread moves these.
    private int cursor;
    private int promptCursor;

    private FakeUser(InetSocketAddress server, String label, int receiveBufferBytes) throws IOException {
        this.label = label;
        this.socket = new Socket();
        if (receiveBufferBytes > 0) {
            // Must be set before connect: it fixes the window the server may fill.
            socket.setReceiveBufferSize(receiveBufferBytes);
        }
        // Every write goes out at once, so byte-by-byte tests really split the input.
        socket.setTcpNoDelay(true);
        socket.connect(server, (int) TIMEOUT.toMillis());
        this.out = socket.getOutputStream();
        Thread reader = new Thread(this::readUntilClosed, "fake-user-" + label);
        reader.setDaemon(true);
        reader.start();
    }

    /** Connects to the server; the label names this user in failure messages until it logs in. */
    public static FakeUser connect(InetSocketAddress server, String label) {
        return connect(server, label, 0);
    }

    /**
     * Connects with a small kernel receive buffer, for users that {@link #pauseReading() stop
     * reading}: the server then has to hold their output itself. 0 keeps the system default.
     */
    public static FakeUser connect(InetSocketAddress server, String label, int receiveBufferBytes) {
        try {
            return new FakeUser(server, label, receiveBufferBytes);
        } catch (IOException e) {
            throw new UncheckedIOException(label + ": cannot connect to " + server, e);
        }
    }

    /** The name this user logged in with, or its connection label before that. */
    public String label() {
        return label;
    }

    // ---------------------------------------------------------------- logging in

    /**
     * Answers the next prompt with {@code name}, waits for {@code * <name> joined #lobby} and the
     * users line after it, and returns that users line. Lines before them are skipped.
     */
    public String login(String name) {
        awaitPrompt();
        send(name);
        label = name;
        awaitLine("* " + name + " joined #lobby");
        return awaitLine(line -> line.startsWith("* users in #lobby: "), "the users line after joining");
    }

    /** Waits for the next prompt not yet awaited; the first call waits for the first prompt. */
    public void awaitPrompt() {
        int wanted = ++promptCursor;
        waitFor("prompt number " + wanted, () -> received.prompts() >= wanted ? Boolean.TRUE : null);
    }

    /** How many prompts have arrived so far. */
    public int prompts() {
        return received.prompts();
    }

    // ---------------------------------------------------------------- sending

    /** Sends one line with CRLF, as one write. */
    public void send(String line) {
        sendRaw((line + "\r\n").getBytes(UTF_8));
    }

    /** Sends text with no line end, as one write. */
    public void sendWithoutLineEnd(String text) {
        sendRaw(text.getBytes(UTF_8));
    }

    /** Sends bytes exactly as given, as one write. */
    public synchronized void sendRaw(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(label + ": send failed", e);
        }
    }

    /** Sends each byte as its own write, so the server is likely to read them one at a time. */
    public synchronized void sendOneByteAtATime(byte[] bytes) {
        for (byte b : bytes) {
            sendRaw(new byte[] {b});
        }
    }

    // ---------------------------------------------------------------- reading lines

    /** Waits for the line at the cursor and moves past it. */
    public String nextLine() {
        int index = cursor;
        String line = waitFor("line " + index, () -> index < received.lineCount() ? received.line(index) : null);
        cursor = index + 1;
        return line;
    }

    /** Waits for the next {@code count} lines and moves past them. */
    public List<String> nextLines(int count) {
        int from = cursor;
        int to = from + count;
        List<String> lines = waitFor(count + " lines from line " + from,
                () -> received.lineCount() >= to ? received.lines(from, to) : null);
        cursor = to;
        return lines;
    }

    /** Takes the next line and fails unless it is exactly {@code expected}. */
    public void expectNext(String expected) {
        String actual = nextLine();
        if (!expected.equals(actual)) {
            throw new AssertionFailedError(label + ": expected next line <" + Visible.of(expected)
                    + "> but was <" + Visible.of(actual) + ">\n" + describe(), expected, actual);
        }
    }

    /** Takes the next line and checks it against an expected JSON object (see {@link JsonLines}). */
    public ObjectNode expectNextJson(String expected) {
        String actual = nextLine();
        try {
            return JsonLines.assertMatches(expected, actual);
        } catch (AssertionError e) {
            throw new AssertionFailedError(label + ": " + e.getMessage() + "\n" + describe(), e);
        }
    }

    /** Takes the next line, which must be one JSON object. */
    public ObjectNode nextJson() {
        return JsonLines.parse(nextLine());
    }

    /** Skips ahead to the first unread line equal to {@code expected} and moves past it. */
    public String awaitLine(String expected) {
        return awaitLine(expected::equals, "<" + Visible.of(expected) + ">");
    }

    /** Skips ahead to the first unread line that passes {@code test} and moves past it. */
    public String awaitLine(Predicate<String> test, String description) {
        int from = cursor;
        int index = waitFor(description, () -> {
            int found = received.indexOf(test, from);
            return found < 0 ? null : found;
        });
        cursor = index + 1;
        return received.line(index);
    }

    /** Waits until a line equal to {@code expected} has been received, read or not; the cursor stays. */
    public void awaitReceived(String expected) {
        waitFor("<" + Visible.of(expected) + "> anywhere", () -> received.indexOf(expected::equals, 0) >= 0 ? Boolean.TRUE : null);
    }

    /** Skips ahead to the first unread line starting with {@code prefix} and moves past it. */
    public String awaitLineStartingWith(String prefix) {
        return awaitLine(line -> line.startsWith(prefix), "a line starting with <" + Visible.of(prefix) + ">");
    }

    /** Every complete line received so far, read or not. */
    public List<String> lines() {
        return received.lines();
    }

    /** Moves the cursor past every line received so far. */
    public void skipReceived() {
        cursor = received.lineCount();
    }

    /**
     * Proves no line is pending for a logged-in user: sends {@code /who} and fails unless the very
     * next line is its reply (text or JSON). Everything the server owed this user before the
     * {@code /who} would have come first.
     */
    public void expectNothingElse() {
        send("/who");
        String line = nextLine();
        if (!line.startsWith("* users in #") && !JsonLines.isType(line, "users")) {
            throw new AssertionFailedError(label + ": expected nothing before the reply to /who, but got <"
                    + Visible.of(line) + ">\n" + describe());
        }
    }

    // ---------------------------------------------------------------- raw view

    /** Waits until everything received, prompts and line ends included, is exactly {@code expected}. */
    public void awaitText(String expected) {
        try {
            await().until(() -> {
                String text = text();
                return !expected.startsWith(text) || received.closedBy() != null || text.equals(expected);
            });
        } catch (ConditionTimeoutException e) {
            // fall through to the comparison, which explains
        }
        String actual = text();
        if (!actual.equals(expected)) {
            throw new AssertionFailedError(label + ": expected to have received exactly <" + Visible.of(expected)
                    + "> but received <" + Visible.of(actual) + ">\n" + describe(), expected, actual);
        }
    }

    /** Everything received so far, decoded as UTF-8. */
    public String text() {
        return new String(received.rawBytes(), UTF_8);
    }

    /** Everything received so far, byte for byte. */
    public byte[] rawBytes() {
        return received.rawBytes();
    }

    /** Bytes received after the last line end or prompt, decoded. */
    public String tail() {
        return received.tail();
    }

    /**
     * Watches for {@code quiet} and fails if anything at all arrives meanwhile (a line, a prompt,
     * a byte, the end of the stream). For rules that say the server must wait.
     */
    public void expectSilenceFor(Duration quiet) {
        String before = snapshot();
        try {
            Awaitility.await().during(quiet).atMost(quiet.plus(TIMEOUT)).pollDelay(Duration.ZERO)
                    .pollInterval(POLL).pollInSameThread()
                    .until(() -> snapshot().equals(before));
        } catch (ConditionTimeoutException e) {
            throw failure("expected nothing to arrive for " + quiet.toMillis() + " ms, but something did");
        }
    }

    // ---------------------------------------------------------------- the connection

    /** Waits until the server has closed the connection (EOF or reset). */
    public void awaitClosed() {
        waitFor("the server to close the connection", received::closedBy);
    }

    /** Waits for the connection to close and fails if any line or partial line was left unread. */
    public void expectClosed() {
        awaitClosed();
        if (cursor != received.lineCount() || !received.tail().isEmpty()) {
            throw failure("expected nothing more before the connection closed");
        }
    }

    /** How the stream ended ("EOF", "reset: …", "closed here"), or null while it is open. */
    public String closedBy() {
        return received.closedBy();
    }

    /** Half-close: the server sees EOF, this user can still read. */
    public void shutdownOutput() {
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            throw new UncheckedIOException(label + ": shutdownOutput failed", e);
        }
    }

    /** Closes with a reset (RST) instead of a FIN, like a crashed client. */
    public void abort() {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(label + ": cannot set SO_LINGER", e);
        }
        close();
    }

    /**
     * Stops the reader thread from taking more bytes off the socket, so the kernel buffers fill and
     * the server has to queue this user's output. A read already under way still completes.
     */
    public void pauseReading() {
        synchronized (pauseLock) {
            paused = true;
        }
    }

    /** Lets the reader thread take bytes again. */
    public void resumeReading() {
        synchronized (pauseLock) {
            paused = false;
            pauseLock.notifyAll();
        }
    }

    /** Closes the socket normally (FIN). Safe to call more than once. */
    @Override
    public void close() {
        resumeReading();
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(label + ": close failed", e);
        }
    }

    @Override
    public String toString() {
        return "FakeUser[" + label + "]";
    }

    // ---------------------------------------------------------------- internals

    private void readUntilClosed() {
        byte[] buffer = new byte[8192];
        try {
            InputStream in = socket.getInputStream();
            while (true) {
                waitWhilePaused();
                int n = in.read(buffer);
                if (n < 0) {
                    received.close("EOF");
                    return;
                }
                received.append(buffer, n);
            }
        } catch (IOException e) {
            received.close(socket.isClosed() ? "closed here" : "reset: " + e.getMessage());
        } catch (InterruptedException e) {
            received.close("reader interrupted");
            Thread.currentThread().interrupt();
        }
    }

    private void waitWhilePaused() throws InterruptedException {
        synchronized (pauseLock) {
            while (paused) {
                pauseLock.wait();
            }
        }
    }

    private static ConditionFactory await() {
        return Awaitility.await().atMost(TIMEOUT).pollDelay(Duration.ZERO).pollInterval(POLL).pollInSameThread();
    }

    /**
     * Waits until {@code probe} gives a value, failing early if the stream ends without one.
     * Safe because the reader appends all data before it records the end.
     */
    private <T> T waitFor(String what, Supplier<T> probe) {
        try {
            await().until(() -> probe.get() != null || received.closedBy() != null);
        } catch (ConditionTimeoutException e) {
            throw failure("waited " + TIMEOUT.toSeconds() + " s for " + what);
        }
        T value = probe.get();
        if (value == null) {
            throw failure("the connection ended (" + received.closedBy() + ") while waiting for " + what);
        }
        return value;
    }

    private String snapshot() {
        return received.lineCount() + "/" + received.prompts() + "/" + received.tail() + "/" + received.closedBy();
    }

    private AssertionFailedError failure(String message) {
        return new AssertionFailedError(label + ": " + message + "\n" + describe());
    }

    /** What this user has received, for failure messages: the lines around the cursor, and the tail. */
    String describe() {
        List<String> lines = received.lines();
        StringBuilder out = new StringBuilder();
        String closed = received.closedBy();
        out.append("  ").append(label).append(" received ").append(received.prompts()).append(" prompt(s) and ")
                .append(lines.size()).append(" line(s); connection ").append(closed == null ? "open" : closed)
                .append('\n');
        int from = Math.max(0, Math.min(cursor, lines.size()) - SHOWN_LINES / 2);
        int to = Math.min(lines.size(), from + SHOWN_LINES);
        if (from > 0) {
            out.append("        … ").append(from).append(" earlier line(s)\n");
        }
        for (int i = from; i < to; i++) {
            out.append(i == cursor ? "  --> " : "      ").append(String.format("%4d ", i))
                    .append(Visible.of(lines.get(i))).append('\n');
        }
        if (to < lines.size()) {
            out.append("        … ").append(lines.size() - to).append(" later line(s)\n");
        }
        if (cursor >= lines.size()) {
            out.append("  --> (cursor at end: line ").append(cursor).append(" not received)\n");
        }
        String tail = received.tail();
        if (!tail.isEmpty()) {
            out.append("  unterminated: <").append(Visible.of(tail)).append(">\n");
        }
        return out.toString();
    }
}
