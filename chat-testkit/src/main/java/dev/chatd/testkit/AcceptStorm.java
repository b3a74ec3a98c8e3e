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
import java.util.List;

/**
 * Many connections opened as fast as one thread can, with non-blocking sockets on one selector,
 * then watched until each has received the server's welcome line. Not thread-safe; close it to
 * drop every connection (with a reset, so no socket lingers in TIME_WAIT).
 */
final class AcceptStorm implements AutoCloseable {

    private static final byte[] WELCOME = "Welcome to ".getBytes(StandardCharsets.US_ASCII);

    private final Selector selector;
    private final List<SocketChannel> channels = new ArrayList<>();
    private final long openNanos;
    private int welcomed;

    /** Opens {@code count} connections to {@code server}; returns once every connect has been started. */
    AcceptStorm(InetSocketAddress server, int count) throws IOException {
        selector = Selector.open();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            SocketChannel channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            channels.add(channel);
            if (channel.connect(server)) {
                channel.register(selector, SelectionKey.OP_READ, ByteBuffer.allocate(WELCOME.length));
            } else {
                channel.register(selector, SelectionKey.OP_CONNECT, ByteBuffer.allocate(WELCOME.length));
            }
        }
        openNanos = System.nanoTime() - start;
    }

    /** How long starting all the connects took. */
    Duration openTime() {
        return Duration.ofNanos(openNanos);
    }

    /** Serves connects and reads until every connection has its welcome or the time is up; returns how many have. */
    int awaitWelcomes(Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        while (welcomed < channels.size() && System.nanoTime() < deadline) {
            selector.select(50);
            for (SelectionKey key : selector.selectedKeys()) {
                serve(key);
            }
            selector.selectedKeys().clear();
        }
        return welcomed;
    }

    private void serve(SelectionKey key) throws IOException {
        SocketChannel channel = (SocketChannel) key.channel();
        if (key.isConnectable()) {
            channel.finishConnect();
            key.interestOps(SelectionKey.OP_READ);
            return;
        }
        ByteBuffer start = (ByteBuffer) key.attachment();
        if (channel.read(start) < 0 || !start.hasRemaining()) {
            key.cancel(); // EOF before the welcome stays uncounted
            if (!start.hasRemaining() && java.util.Arrays.equals(start.array(), WELCOME)) {
                welcomed++;
            }
        }
    }

    @Override
    public void close() throws IOException {
        for (SocketChannel channel : channels) {
            channel.close();
        }
        selector.close();
    }
}
