package dev.chatd.streams;

import dev.chatd.common.closing.CloseReason;
import dev.chatd.common.config.ChatConfig;
import dev.chatd.common.metrics.ChatMetrics;
import dev.chatd.common.output.OutputQueue;
import dev.chatd.common.room.ChatHub;
import dev.chatd.common.room.Connection;
import dev.chatd.common.room.LeaveReason;
import dev.chatd.common.server.ConnectionLog;
import java.io.IOException;
import java.nio.channels.AsynchronousSocketChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * One accepted socket as the room model sees it ({@link Connection}): its {@link LineReader}, its
 * {@link LineWriter}, and why it is ending ({@link CloseReason}). Its reader hands telnet
 * requests to the hub.
 *
 * <p>Why the reason is kept here: when the server closes a socket (too slow, shutdown), what the
 * session sees is its pending read failing. Recording the reason before closing lets the session
 * tell "the server closed it as too slow" from "the peer went away".
 */
final class SocketConnection implements Connection {

    private final String remote;
    private final LineReader reader;
    private final LineWriter writer;
    private final CloseReason closeReason = new CloseReason();

    SocketConnection(AsynchronousSocketChannel channel, ChatHub hub, Executor executor) {
        ChatConfig config = hub.config();
        ChatMetrics metrics = hub.metrics();
        this.remote = remoteOf(channel);
        // Telnet requests are answered by the hub, as the callback server's are.
        this.reader = new LineReader(channel, config.maxLineBytes(), event -> hub.telnet(this, event));
        this.writer = new LineWriter(channel, config.outputLimitBytes(), hub.outputBudget(), metrics, executor, closeReason);
    }

    @Override
    public void send(byte[] line) {
        writer.write(line); // a line dropped for overflow has already arranged the close
    }

    @Override
    public void sendLast(byte[] line) {
        writer.writeLast(line);
    }

    @Override
    public OutputQueue output() {
        return writer.queue();
    }

    @Override
    public String remote() {
        return remote;
    }

    @Override
    public long unsentBytes() {
        return writer.pendingBytes();
    }

    @Override
    public boolean readerBehind() {
        return writer.readerBehind();
    }

    @Override
    public void cutAsTooSlow() {
        writer.cutTooSlow();
    }

    LineReader reader() {
        return reader;
    }

    LineWriter writer() {
        return writer;
    }

    /** Flushes within {@code grace}, then closes; the session will leave with {@code reason}. */
    CompletableFuture<Void> closeBecause(LeaveReason reason, Duration grace) {
        closeReason.record(reason);
        return writer.close(grace);
    }

    /** Closes at once, unflushed; the session will leave with {@code reason}. */
    void abortBecause(LeaveReason reason) {
        closeReason.record(reason);
        writer.abort();
    }

    /** Why the connection is ending: the first reason recorded by the server, the writer or the session. */
    CloseReason closeReason() {
        return closeReason;
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
