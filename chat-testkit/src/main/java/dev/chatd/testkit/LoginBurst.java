package dev.chatd.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Many clients on one selector thread, each of which logs in as a person would: waits for the
 * welcome line and the {@code Username: } prompt, sends its name, and waits for its own join line.
 * Counts how each connection fared; never times anything. Not thread-safe; close it to drop every
 * connection (with a reset, so no socket lingers in TIME_WAIT).
 *
 * <p>Connections are opened in waves ({@link #open}); while a wave is being opened the clients
 * already there are served between chunks of connects, so logins (and the joins they broadcast)
 * happen while connections are still arriving, as in a real storm.
 *
 * <p>A client that is in stops reading: what the room sends it in a test (join lines, about 30
 * bytes per user) stays within the kernel's buffers and the server's output limit, and this
 * thread's time goes to the connects and logins, not to reading N x N join lines. Reading them
 * made the clients, not the server, the bottleneck, and the storm too slow to overrun anything.
 */
final class LoginBurst implements AutoCloseable {

    /** Connects started between two rounds of serving the clients already open. */
    private static final int CONNECTS_PER_ROUND = 64;
    private static final byte[] WELCOME = ascii("Welcome to ");
    private static final byte[] PROMPT = ascii("Username: ");
    /** Longer lines (the users line) are not what a client waits for: only their end is noticed. */
    private static final int MAX_WATCHED_LINE = 200;

    /**
     * How the connections opened so far have fared.
     *
     * @param opened        connects started
     * @param welcomed      got the welcome line first
     * @param prompted      got the {@code Username: } prompt after it
     * @param loggedIn      got their own join line after sending their name
     * @param connectErrors connects that failed
     * @param resets        connections that failed after connecting (reset by the server, mostly)
     * @param closed        connections the server closed (EOF) before or after login, or that it refused
     */
    record Outcome(int opened, int welcomed, int prompted, int loggedIn, int connectErrors, int resets, int closed) {

        /** Every connection opened welcomed, prompted and logged in, and none failed or closed. */
        static Outcome allLoggedIn(int opened) {
            return new Outcome(opened, opened, opened, opened, 0, 0, 0);
        }
    }

    private enum Stage { CONNECTING, AWAIT_WELCOME, AWAIT_PROMPT, LOGGING_IN, IN, ENDED }

    /** One client: where its login stands and the line it is reading. */
    private static final class Client {
        final byte[] name;
        final byte[] ownJoin;
        Stage stage = Stage.CONNECTING;
        final byte[] line = new byte[MAX_WATCHED_LINE];
        int lineLength;
        boolean lineTooLong;

        Client(String name) {
            this.name = ascii(name + "\r\n");
            this.ownJoin = ascii("* " + name + " joined #lobby");
        }
    }

    private final InetSocketAddress server;
    private final Selector selector;
    private final List<SocketChannel> channels = new ArrayList<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);
    private final byte[] bytes = new byte[64 * 1024];
    private int welcomed;
    private int prompted;
    private int loggedIn;
    private int connectErrors;
    private int resets;
    private int closed;

    LoginBurst(InetSocketAddress server) throws IOException {
        this.server = server;
        this.selector = Selector.open();
    }

    /**
     * Opens {@code count} connections as fast as this thread can, their users named
     * {@code prefix0, prefix1, ...}; between chunks of connects it serves the clients already open.
     */
    void open(String prefix, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            SocketChannel channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            channels.add(channel);
            Client client = new Client(prefix + i);
            try {
                if (channel.connect(server)) {
                    client.stage = Stage.AWAIT_WELCOME;
                    channel.register(selector, SelectionKey.OP_READ, client);
                } else {
                    channel.register(selector, SelectionKey.OP_CONNECT, client);
                }
            } catch (IOException e) {
                client.stage = Stage.ENDED;
                connectErrors++;
                channel.close();
            }
            if (i % CONNECTS_PER_ROUND == CONNECTS_PER_ROUND - 1) {
                serve(0);
            }
        }
    }

    /**
     * Serves every client until {@code users} of them have logged in, or none is still on its way
     * (all in, or ended), or {@code within} has passed; then says how they fared.
     */
    Outcome awaitLoggedIn(int users, Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        while (loggedIn < users && loggedIn + ended() < channels.size() && System.nanoTime() - deadline < 0) {
            serve(50);
        }
        return outcome();
    }

    /** The counts so far. */
    Outcome outcome() {
        return new Outcome(channels.size(), welcomed, prompted, loggedIn, connectErrors, resets, closed);
    }

    private int ended() {
        return connectErrors + resets + closed;
    }

    /** One select (at most {@code timeoutMillis}; 0 = do not wait) and what it found. */
    private void serve(long timeoutMillis) throws IOException {
        if (timeoutMillis == 0) {
            selector.selectNow();
        } else {
            selector.select(timeoutMillis);
        }
        for (SelectionKey key : selector.selectedKeys()) {
            serve(key);
        }
        selector.selectedKeys().clear();
    }

    private void serve(SelectionKey key) throws IOException {
        SocketChannel channel = (SocketChannel) key.channel();
        Client client = (Client) key.attachment();
        try {
            if (client.stage == Stage.CONNECTING) {
                if (channel.finishConnect()) {
                    client.stage = Stage.AWAIT_WELCOME;
                    key.interestOps(SelectionKey.OP_READ);
                }
                return;
            }
            readBuffer.clear();
            int n = channel.read(readBuffer);
            if (n < 0) {
                end(key, client);
                closed++;
                return;
            }
            if (client.stage != Stage.IN) {
                readBuffer.flip();
                readBuffer.get(bytes, 0, n);
                follow(channel, client, n);
            }
        } catch (IOException e) {
            if (client.stage == Stage.CONNECTING) {
                connectErrors++;
            } else {
                resets++;
            }
            end(key, client);
        }
    }

    /** Feeds what a not yet logged-in client read, line by line, through its login. */
    private void follow(SocketChannel channel, Client client, int n) throws IOException {
        for (int i = 0; i < n && client.stage != Stage.ENDED; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                lineEnded(channel, client);
            } else if (client.lineLength < MAX_WATCHED_LINE) {
                client.line[client.lineLength++] = b;
            } else {
                client.lineTooLong = true;
            }
        }
        if (client.stage == Stage.AWAIT_PROMPT && is(client, PROMPT)) {
            prompted++;
            client.stage = Stage.LOGGING_IN;
            client.lineLength = 0;
            ByteBuffer name = ByteBuffer.wrap(client.name);
            channel.write(name);
            if (name.hasRemaining()) {
                throw new IOException("the kernel did not take a name of " + client.name.length + " bytes");
            }
        }
    }

    private void lineEnded(SocketChannel channel, Client client) throws IOException {
        if (client.lineLength > 0 && client.line[client.lineLength - 1] == '\r') {
            client.lineLength--;
        }
        boolean tooLong = client.lineTooLong;
        client.lineTooLong = false;
        if (client.stage == Stage.AWAIT_WELCOME) {
            if (tooLong || !startsWith(client, WELCOME)) {
                closed++; // refused (full, shutting down): not the welcome
                end(channel.keyFor(selector), client);
                return;
            }
            welcomed++;
            client.stage = Stage.AWAIT_PROMPT;
        } else if (client.stage == Stage.LOGGING_IN && !tooLong && is(client, client.ownJoin)) {
            loggedIn++;
            client.stage = Stage.IN;
            channel.keyFor(selector).interestOps(0);
        }
        client.lineLength = 0;
    }

    private void end(SelectionKey key, Client client) throws IOException {
        client.stage = Stage.ENDED;
        key.cancel();
        key.channel().close();
    }

    private static boolean is(Client client, byte[] expected) {
        return client.lineLength == expected.length && startsWith(client, expected);
    }

    private static boolean startsWith(Client client, byte[] prefix) {
        return client.lineLength >= prefix.length
                && Arrays.equals(client.line, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        for (SocketChannel channel : channels) {
            channel.close();
        }
        selector.close();
    }
}
