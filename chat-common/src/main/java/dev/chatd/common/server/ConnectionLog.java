package dev.chatd.common.server;

import dev.chatd.common.config.HostPort;
import dev.chatd.common.room.LeaveReason;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's lines in the log, worded the same by both servers so one grep or log query
 * works on either: an INFO line when it opens and one when it closes, with the peer, the user's
 * name, why it ended and how long it lasted. Nothing is logged per chat line.
 *
 * <pre>
 * connection opened remote=203.0.113.7:51234
 * connection closed remote=203.0.113.7:51234 user=alice reason="connection closed" duration=754.210s
 * connection refused remote=203.0.113.9:40022 reason="server full"
 * </pre>
 *
 * A transport calls {@link #opened} once {@code ChatHub.admit} accepted the connection (or
 * {@link #refused} when it did not), and {@link #closed} when it is gone.
 */
public final class ConnectionLog {

    private static final Logger log = LoggerFactory.getLogger(ConnectionLog.class);
    /** Shown for a connection that closed before a name was accepted. */
    static final String NO_USER = "-";

    private final String remote;
    private final Consumer<String> sink;
    private final LongSupplier nanoTime;
    private final long openedAt;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ConnectionLog(String remote, Consumer<String> sink, LongSupplier nanoTime) {
        this.remote = remote;
        this.sink = sink;
        this.nanoTime = nanoTime;
        this.openedAt = nanoTime.getAsLong();
    }

    /**
     * Logs that a connection was admitted, and starts its clock.
     *
     * @param remote the peer as {@link #format(SocketAddress)} writes it (what {@code Connection.remote()} should return)
     */
    public static ConnectionLog opened(String remote) {
        return opened(remote, log::info, System::nanoTime);
    }

    static ConnectionLog opened(String remote, Consumer<String> sink, LongSupplier nanoTime) {
        ConnectionLog entry = new ConnectionLog(remote, sink, nanoTime);
        sink.accept("connection opened remote=" + remote);
        return entry;
    }

    /** Logs that a connection was turned away by {@code ChatHub.admit}: the server is full, or stopping. */
    public static void refused(String remote, boolean shuttingDown) {
        refused(remote, shuttingDown, log::info);
    }

    static void refused(String remote, boolean shuttingDown, Consumer<String> sink) {
        sink.accept("connection refused remote=" + remote + " reason=\""
                + (shuttingDown ? "server shutting down" : "server full") + "\"");
    }

    /**
     * Logs the end of the connection; only the first call logs, so every path that closes may call it.
     *
     * @param user   the name the user had at the end, or null if none was accepted
     * @param reason why it ended; {@link LeaveReason#QUIT} is logged as {@code quit}
     */
    public void closed(String user, LeaveReason reason) {
        if (!closed.compareAndSet(false, true)) return;
        double seconds = (nanoTime.getAsLong() - openedAt) / 1e9;
        sink.accept(String.format(Locale.ROOT, "connection closed remote=%s user=%s reason=\"%s\" duration=%.3fs",
                remote, user == null ? NO_USER : user, reasonText(reason), seconds));
    }

    /** The peer as logged: {@code host:port}, IPv6 hosts in brackets, no host name lookups. */
    public static String format(SocketAddress address) {
        if (!(address instanceof InetSocketAddress inet)) return String.valueOf(address);
        String host = inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
        return HostPort.format(host, inet.getPort());
    }

    private static String reasonText(LeaveReason reason) {
        return reason == LeaveReason.QUIT ? "quit" : reason.text();
    }
}
