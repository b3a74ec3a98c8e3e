package dev.chatd.streams;

import dev.chatd.common.config.ChatConfig;
import dev.chatd.common.metrics.ChatMetrics;
import dev.chatd.common.room.ChatHub;
import dev.chatd.common.room.Connection;
import dev.chatd.common.room.LeaveReason;
import dev.chatd.common.server.ConnectionLog;
import java.io.IOException;
import java.nio.channels.AsynchronousSocketChannel;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One accepted socket as the room model sees it ({@link Connection}): its {@link LineReader}, its
 * {@link LineWriter}, and why the server closed it, if it did. Its reader hands telnet requests
 * to the hub.
 *
 * <p>Why the reason is kept here: when the server closes a socket (too slow, shutdown), what the
 * session sees is its pending read failing. Recording the reason before closing lets the session
 * tell "the server closed it as too slow" from "the peer went away".
 */
final class SocketConnection implements Connection {

    private final String remote;
    private final LineReader reader;
    private final LineWriter writer;
    private final AtomicReference<LeaveReason> closedBy = new AtomicReference<>();

    SocketConnection(AsynchronousSocketChannel channel, ChatHub hub, Executor executor) {
        ChatConfig config = hub.config();
        ChatMetrics metrics = hub.metrics();
        this.remote = remoteOf(channel);
        // Telnet requests are answered by the hub, as the callback server's are.
        this.reader = new LineReader(channel, config.maxLineBytes(), event -> hub.telnet(this, event));
        this.writer = new LineWriter(channel, config.outputLimitBytes(), metrics, executor,
                () -> closedBy.compareAndSet(null, LeaveReason.TOO_SLOW));
    }

    @Override
    public void send(byte[] line) {
        writer.send(line); // a line dropped for overflow has already arranged the close
    }

    @Override
    public void sendLast(byte[] line) {
        writer.sendLast(line);
    }

    @Override
    public String remote() {
        return remote;
    }

    LineReader reader() {
        return reader;
    }

    LineWriter writer() {
        return writer;
    }

    /** Flushes within {@code grace}, then closes; the session will leave with {@code reason}. */
    CompletableFuture<Void> closeBecause(LeaveReason reason, Duration grace) {
        closedBy.compareAndSet(null, reason);
        return writer.close(grace);
    }

    /** Closes at once, unflushed; the session will leave with {@code reason}. */
    void abortBecause(LeaveReason reason) {
        closedBy.compareAndSet(null, reason);
        writer.abort();
    }

    /** Why the server closed this connection, if it did. */
    Optional<LeaveReason> closedBy() {
        return Optional.ofNullable(closedBy.get());
    }

    private static String remoteOf(AsynchronousSocketChannel channel) {
        try {
            return ConnectionLog.format(channel.getRemoteAddress());
        } catch (IOException e) {
            return "(gone)";
        }
    }

    @Override
    public String toString() {
        return remote;
    }
}
