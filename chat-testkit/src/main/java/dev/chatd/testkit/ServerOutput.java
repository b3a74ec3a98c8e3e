package dev.chatd.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Everything one connection has received from the server, cut the way docs/protocol.md frames it:
 * lines that end in CRLF, plus the username prompt, which has no line end. The reader thread
 * appends; test threads read, so every method is synchronized.
 *
 * <p>The prompt is only recognised before the connection's own {@code * <name> joined #lobby}
 * line: after that a line such as {@code Username: hi} is a room message from a user named
 * {@code Username}, not a prompt. A line end is CRLF only; a bare LF stays inside the line, so
 * an exact comparison shows a server that sends one.
 *
 * <p>Telnet negotiation the server sends ({@code IAC <verb> <option>}, only ever to a client that
 * negotiated first) is left out of the lines, as a telnet client would take it out of what it
 * shows; {@link #rawBytes()} still has it. UTF-8 never holds 0xFF, so an IAC is never text.
 */
final class ServerOutput {

    static final String PROMPT = "Username: ";
    private static final byte[] PROMPT_BYTES = PROMPT.getBytes(UTF_8);
    private static final Pattern OWN_LOBBY_JOIN = Pattern.compile("\\* \\S+ joined #lobby");

    private final ByteArrayOutputStream raw = new ByteArrayOutputStream();
    private final List<String> lines = new ArrayList<>();
    private byte[] pending = new byte[0];
    private int prompts;
    private boolean beforeLogin = true;
    private String closedBy;
    private int telnetBytesLeft; // of a negotiation split across reads

    /** Adds bytes as they came off the socket and cuts whatever is now complete. */
    synchronized void append(byte[] chunk, int length) {
        raw.write(chunk, 0, length);
        byte[] bytes = Arrays.copyOf(pending, pending.length + length);
        int kept = pending.length;
        for (int i = 0; i < length; i++) {
            if (telnetBytesLeft > 0) {
                telnetBytesLeft--;
            } else if (chunk[i] == (byte) 0xFF) {
                telnetBytesLeft = 2;
            } else {
                bytes[kept++] = chunk[i];
            }
        }
        bytes = Arrays.copyOf(bytes, kept);
        int start = 0;
        while (true) {
            if (beforeLogin && startsWith(bytes, start, PROMPT_BYTES)) {
                prompts++;
                start += PROMPT_BYTES.length;
                continue;
            }
            int end = indexOfCrlf(bytes, start);
            if (end < 0) {
                break;
            }
            String line = new String(bytes, start, end - start, UTF_8);
            lines.add(line);
            if (beforeLogin && OWN_LOBBY_JOIN.matcher(line).matches()) {
                beforeLogin = false;
            }
            start = end + 2;
        }
        pending = Arrays.copyOfRange(bytes, start, bytes.length);
    }

    /** Records how the stream ended; the first cause wins. */
    synchronized void close(String how) {
        if (closedBy == null) {
            closedBy = how;
        }
    }

    synchronized int lineCount() {
        return lines.size();
    }

    synchronized String line(int index) {
        return lines.get(index);
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    synchronized List<String> lines(int from, int to) {
        return List.copyOf(lines.subList(from, to));
    }

    /** The index of the first line at or after {@code from} that passes {@code test}, or -1. */
    synchronized int indexOf(Predicate<String> test, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (test.test(lines.get(i))) {
                return i;
            }
        }
        return -1;
    }

    synchronized int prompts() {
        return prompts;
    }

    /** Bytes after the last line end (and after the last prompt), decoded. */
    synchronized String tail() {
        return new String(pending, UTF_8);
    }

    /** Everything received, prompts and line ends included. */
    synchronized byte[] rawBytes() {
        return raw.toByteArray();
    }

    /** Null while the stream is open, otherwise how it ended (EOF, reset, closed here). */
    synchronized String closedBy() {
        return closedBy;
    }

    private static boolean startsWith(byte[] bytes, int from, byte[] prefix) {
        if (bytes.length - from < prefix.length) {
            return false;
        }
        return Arrays.equals(bytes, from, from + prefix.length, prefix, 0, prefix.length);
    }

    private static int indexOfCrlf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
