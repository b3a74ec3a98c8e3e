package dev.chatd.common.closing;

import dev.chatd.common.room.LeaveReason;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;

/**
 * What kind of failure ended a connection, told from the exception its transport reported, and
 * so what the room is told. The one rule both servers follow (docs/protocol.md):
 * <ul>
 *   <li>the peer went away (a reset, a broken pipe, an end of input, a channel already closed):
 *       {@code (connection closed)}; an ordinary end, logged at debug;</li>
 *   <li>any other I/O error (a time-out, an unreachable network, an error from the OS or the
 *       transport): {@code (error)}, logged at debug with its cause: it happens to healthy
 *       servers too, when networks fail;</li>
 *   <li>anything else is a bug: {@code (error)}, logged as a warning with its stack.</li>
 * </ul>
 *
 * <p>Why an I/O error other than a reset is {@code (error)}: the room can then tell "alice left"
 * from "alice's connection failed", as IRC servers do ("Connection reset by peer" against "Read
 * error"), and the leave reason in the connection log says which happened.
 *
 * <p>How a reset is told: Linux reports ECONNRESET and EPIPE as a plain {@link IOException} (the
 * JDK's NIO, NIO.2 and Netty's epoll transport alike) whose message is the errno text, so the
 * text is what there is to test.
 */
public enum Failure {
    /** The peer went away; the room sees {@code (connection closed)}. */
    PEER_GONE(LeaveReason.CONNECTION_CLOSED),
    /** An I/O error other than the peer going away; the room sees {@code (error)}. */
    IO_ERROR(LeaveReason.ERROR),
    /** Not an I/O error at all: a bug; the room sees {@code (error)}. */
    UNEXPECTED(LeaveReason.ERROR);

    private final LeaveReason leaveReason;

    Failure(LeaveReason leaveReason) {
        this.leaveReason = leaveReason;
    }

    /** Classifies {@code thrown}, looking through the wrappers futures and transports add. */
    public static Failure of(Throwable thrown) {
        Throwable cause = unwrap(thrown);
        if (cause instanceof ClosedChannelException || cause instanceof EOFException) {
            return PEER_GONE;
        }
        if (cause instanceof IOException) {
            return peerWentAway(cause.getMessage()) ? PEER_GONE : IO_ERROR;
        }
        return UNEXPECTED;
    }

    /**
     * The exception itself, without the wrappers that only say where it travelled: a
     * {@link CompletionException} or {@link ExecutionException} from a future, an
     * {@link UncheckedIOException} (Netty's epoll registration reports I/O errors so).
     */
    public static Throwable unwrap(Throwable thrown) {
        Throwable cause = thrown;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException
                || cause instanceof UncheckedIOException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** What the room is told. */
    public LeaveReason leaveReason() {
        return leaveReason;
    }

    /** Logs the failure as its kind deserves: quietly for a peer gone, loudly for a bug. */
    public void log(Logger log, String remote, Throwable thrown) {
        Throwable cause = unwrap(thrown);
        switch (this) {
            case PEER_GONE -> log.debug("{} went away: {}", remote, cause.toString());
            case IO_ERROR -> log.debug("I/O error on {}", remote, cause);
            case UNEXPECTED -> log.warn("unexpected error on {}, closing it", remote, cause);
        }
    }

    // ECONNRESET is "Connection reset by peer" (the JDK's own SocketException says "Connection reset"); EPIPE is "Broken pipe".
    private static boolean peerWentAway(String message) {
        return message != null && (message.contains("Connection reset") || message.contains("Broken pipe"));
    }
}
