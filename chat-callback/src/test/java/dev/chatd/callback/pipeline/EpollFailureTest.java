package dev.chatd.callback.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chatd.common.closing.Failure;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.Errors;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shared classifier against the exceptions Netty's epoll transport throws: built by Netty's
 * own factory from the errno the kernel returns (so with the kernel's own text), since a time-out
 * or an unreachable host cannot be provoked on loopback. Resets are provoked for real by the
 * contract tests ({@code DisconnectContract}, {@code FaultContract}).
 */
class EpollFailureTest {

    @BeforeEach
    void needsEpoll() {
        assumeTrue(Epoll.isAvailable(), "the native epoll transport is not available here");
    }

    @Test
    void aResetOrABrokenPipeIsThePeerGoingAway() {
        assertEquals(Failure.PEER_GONE, Failure.of(Errors.newIOException("recvAddress", Errors.ERRNO_ECONNRESET_NEGATIVE)));
        assertEquals(Failure.PEER_GONE, Failure.of(Errors.newConnectionResetException("syscall:read", Errors.ERRNO_ECONNRESET_NEGATIVE)));
        assertEquals(Failure.PEER_GONE, Failure.of(Errors.newIOException("writeAddress", Errors.ERRNO_EPIPE_NEGATIVE)));
        assertEquals(Failure.PEER_GONE, Failure.of(new ClosedChannelException()));
    }

    @Test
    void otherErrnosAreErrors() {
        assertEquals(Failure.IO_ERROR, Failure.of(Errors.newIOException("writeAddress", Errors.ERROR_EHOSTUNREACH_NEGATIVE)));
        assertEquals(Failure.IO_ERROR, Failure.of(Errors.newIOException("recvAddress", Errors.ERROR_ENETUNREACH_NEGATIVE)));
        // What NoReadAfterEofHandler keeps away, and how the epoll registration reports it: wrapped.
        assertEquals(Failure.IO_ERROR, Failure.of(new UncheckedIOException(
                Errors.newIOException("epoll_ctl", Errors.ERRNO_ENOENT_NEGATIVE))));
    }
}
