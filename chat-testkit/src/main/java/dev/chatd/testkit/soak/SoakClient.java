package dev.chatd.testkit.soak;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One fake user of a soak run: a non-blocking socket driven by the {@link SoakDriver}'s selector
 * thread, with what it has sent and what it has seen. Used by that one thread only.
 */
final class SoakClient {

    /** How a user behaves. */
    enum Role {
        /** Holds a room open for the whole run, so its {@code seq} numbers never start again. */
        ANCHOR,
        /** Chats, moves, renames, sends private messages, leaves and comes back. */
        NORMAL,
        /** Stops reading once in its room; the server should cut it as too slow. */
        SLOW,
        /** Like NORMAL, but sometimes sends a burst past the rate limit. */
        FLOODER
    }

    private static final int MOST_READ_PER_EVENT = 64 * 1024;

    final int id;
    final Role role;
    final SocketChannel channel;
    final String firstRoom;
    /** Every name this user held or asked for: the server may have cut it under any of them. */
    final Set<String> names = new HashSet<>();
    SelectionKey key;

    String name;
    String room = "lobby";
    /** The last {@code seq} seen in {@link #room}; 0 until the first one there. */
    long lastSeq;
    boolean json;
    /** In its first room with JSON output: ready to act. */
    boolean settled;
    boolean quitting;
    boolean byeSeen;
    /** This side closed the connection (abruptly, on purpose). */
    boolean closedHere;
    /** The connection is over, whoever ended it. */
    boolean closed;
    int sent;
    int echoed;
    int nicks;

    private final ArrayDeque<ByteBuffer> pendingWrites = new ArrayDeque<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(16 * 1024);
    private final ByteArrayOutputStream partialLine = new ByteArrayOutputStream();

    SoakClient(int id, Role role, SocketChannel channel, String firstRoom) {
        this.id = id;
        this.role = role;
        this.channel = channel;
        this.firstRoom = firstRoom;
        this.name = "u" + id;
        this.names.add(name);
    }

    /**
     * Queues text (its line ends included) and writes what the socket takes now; before the
     * connection is established it is only queued, and goes out once it is.
     */
    void send(String text) throws IOException {
        pendingWrites.add(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        flush();
    }

    /** Writes queued bytes until the socket stops taking them; asks for OP_WRITE if some are left. */
    void flush() throws IOException {
        if (!channel.isConnected()) {
            return;
        }
        while (!pendingWrites.isEmpty()) {
            ByteBuffer head = pendingWrites.peek();
            channel.write(head);
            if (head.hasRemaining()) {
                break;
            }
            pendingWrites.poll();
        }
        if (key != null && key.isValid()) {
            int ops = key.interestOps();
            key.interestOps(pendingWrites.isEmpty() ? ops & ~SelectionKey.OP_WRITE : ops | SelectionKey.OP_WRITE);
        }
    }

    /**
     * Reads what is there (a bounded amount, so one busy user cannot starve the rest) and hands
     * every complete line to {@code lines}.
     *
     * @return false at EOF
     */
    boolean read(Consumer<String> lines) throws IOException {
        int total = 0;
        while (total < MOST_READ_PER_EVENT) {
            readBuffer.clear();
            int n = channel.read(readBuffer);
            if (n < 0) {
                return false;
            }
            if (n == 0) {
                return true;
            }
            total += n;
            byte[] bytes = readBuffer.array();
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (bytes[i] == '\n') {
                    partialLine.write(bytes, start, i - start);
                    lines.accept(takeLine());
                    start = i + 1;
                }
            }
            partialLine.write(bytes, start, n - start);
        }
        return true;
    }

    private String takeLine() {
        byte[] line = partialLine.toByteArray();
        partialLine.reset();
        int length = line.length > 0 && line[line.length - 1] == '\r' ? line.length - 1 : line.length;
        return new String(line, 0, length, StandardCharsets.UTF_8);
    }

    /** Stops or resumes reading: a paused user lets the kernel buffers fill up. */
    void reading(boolean on) {
        if (key != null && key.isValid()) {
            int ops = key.interestOps();
            key.interestOps(on ? ops | SelectionKey.OP_READ : ops & ~SelectionKey.OP_READ);
        }
    }

    /** Ends the connection from this side: a FIN, or with {@code reset} an RST like a crashed client. */
    void closeAbruptly(boolean reset) {
        closedHere = true;
        try {
            if (reset) {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            }
        } catch (IOException e) {
            // already broken: closing is all that is left
        }
        closeQuietly();
    }

    void closeQuietly() {
        closed = true;
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    /** A short description for violation messages. */
    String describe() {
        return role + " " + name + " (u" + id + ") in #" + room;
    }

    /** Names as a list, for messages. */
    List<String> nameList() {
        return List.copyOf(names);
    }
}
