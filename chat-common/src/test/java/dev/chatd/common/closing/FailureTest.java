package dev.chatd.common.closing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chatd.common.room.LeaveReason;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The classifier against the exceptions the JDK really throws: each is provoked on a loopback
 * socket where a test can provoke it (resets, broken pipes, local closes, a refused connect). A
 * time-out or an unreachable network cannot be provoked on loopback; those use the exception the
 * JDK builds for them (an {@code IOException} carrying the errno text).
 */
class FailureTest {

    @Test
    void aResetSeenByABlockingReadIsThePeerGoingAway() throws Exception {
        try (Pair pair = Pair.open()) {
            pair.reset();
            InputStream in = pair.server.getInputStream();
            IOException thrown = assertThrows(IOException.class, () -> in.read());
            assertEquals(Failure.PEER_GONE, Failure.of(thrown), thrown.toString());
        }
    }

    @Test
    void aResetSeenByAnNioReadIsThePeerGoingAway() throws Exception {
        try (ServerSocket listener = openListener(); SocketChannel client = SocketChannel.open(listener.getLocalSocketAddress());
             Socket accepted = listener.accept()) {
            accepted.setSoLinger(true, 0);
            accepted.close();
            IOException thrown = assertThrows(IOException.class, () -> {
                while (client.read(ByteBuffer.allocate(16)) >= 0) {
                    Thread.onSpinWait();
                }
            });
            assertEquals(Failure.PEER_GONE, Failure.of(thrown), thrown.toString());
        }
    }

    @Test
    void writingToAResetPeerIsThePeerGoingAway() throws Exception {
        try (Pair pair = Pair.open()) {
            pair.reset();
            IOException thrown = assertThrows(IOException.class, () -> {
                for (int i = 0; i < 1000; i++) { // the first write may still be taken; a later one fails (EPIPE or ECONNRESET)
                    pair.server.getOutputStream().write(new byte[1024]);
                }
            });
            assertEquals(Failure.PEER_GONE, Failure.of(thrown), thrown.toString());
        }
    }

    @Test
    void aResetSeenByAnAsynchronousReadIsThePeerGoingAwayWrappedOrNot() throws Exception {
        try (ServerSocket listener = openListener(); AsynchronousSocketChannel client = AsynchronousSocketChannel.open()) {
            client.connect(listener.getLocalSocketAddress()).get(10, TimeUnit.SECONDS);
            try (Socket accepted = listener.accept()) {
                accepted.setSoLinger(true, 0);
                accepted.close();
                Future<Integer> read = client.read(ByteBuffer.allocate(16));
                ExecutionException thrown = assertThrows(ExecutionException.class, () -> read.get(10, TimeUnit.SECONDS));
                assertEquals(Failure.PEER_GONE, Failure.of(thrown), thrown.getCause().toString());
                assertEquals(Failure.PEER_GONE, Failure.of(new CompletionException(thrown.getCause())));
            }
        }
    }

    @Test
    void aReadFailingBecauseTheServerClosedTheSocketIsNoError() throws Exception {
        try (ServerSocket listener = openListener(); AsynchronousSocketChannel client = AsynchronousSocketChannel.open()) {
            client.connect(listener.getLocalSocketAddress()).get(10, TimeUnit.SECONDS);
            try (Socket ignored = listener.accept()) {
                Future<Integer> read = client.read(ByteBuffer.allocate(16));
                client.close();
                ExecutionException thrown = assertThrows(ExecutionException.class, () -> read.get(10, TimeUnit.SECONDS));
                assertEquals(AsynchronousCloseException.class, thrown.getCause().getClass());
                assertEquals(Failure.PEER_GONE, Failure.of(thrown));
            }
        }
    }

    @Test
    void otherIoErrorsAreErrors() throws Exception {
        int closedPort;
        try (ServerSocket listener = openListener()) {
            closedPort = listener.getLocalPort();
        }
        ConnectException refused = assertThrows(ConnectException.class,
                () -> new Socket(InetAddress.getLoopbackAddress(), closedPort).close());
        assertEquals(Failure.IO_ERROR, Failure.of(refused), refused.toString());
        // As NIO.2 and Netty's epoll report ETIMEDOUT and ENETUNREACH: the errno text in an IOException.
        assertEquals(Failure.IO_ERROR, Failure.of(new IOException("Connection timed out")));
        assertEquals(Failure.IO_ERROR, Failure.of(new CompletionException(new IOException("Network is unreachable"))));
        assertEquals(Failure.IO_ERROR, Failure.of(new IOException((String) null)));
        assertEquals(LeaveReason.ERROR, Failure.IO_ERROR.leaveReason());
    }

    @Test
    void theEndOfInputIsThePeerGoingAway() {
        assertEquals(Failure.PEER_GONE, Failure.of(new CompletionException(new EOFException())));
        assertEquals(LeaveReason.CONNECTION_CLOSED, Failure.PEER_GONE.leaveReason());
    }

    @Test
    void anythingElseIsABug() {
        assertEquals(Failure.UNEXPECTED, Failure.of(new IllegalStateException("readLine() called twice")));
        assertEquals(Failure.UNEXPECTED, Failure.of(new CompletionException(new NullPointerException())));
        assertEquals(LeaveReason.ERROR, Failure.UNEXPECTED.leaveReason());
    }

    @Test
    void wrappersAreLookedThrough() {
        IOException reset = new IOException("Connection reset by peer");
        assertEquals(reset, Failure.unwrap(new CompletionException(new ExecutionException(reset))));
        assertEquals(Failure.PEER_GONE, Failure.of(new UncheckedIOException(reset)));
        CompletableFuture<Void> failed = CompletableFuture.failedFuture(reset);
        CompletionException joined = assertThrows(CompletionException.class, failed::join);
        assertEquals(Failure.PEER_GONE, Failure.of(joined));
    }

    private static ServerSocket openListener() throws IOException {
        return new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    /** A connected pair of blocking sockets on loopback. */
    private record Pair(ServerSocket listener, Socket client, Socket server) implements AutoCloseable {
        static Pair open() throws IOException {
            ServerSocket listener = openListener();
            Socket client = new Socket();
            client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()));
            return new Pair(listener, client, listener.accept());
        }

        /** The client goes away with a reset (RST), as a crashed client does. */
        void reset() throws IOException {
            client.setSoLinger(true, 0);
            client.close();
        }

        @Override
        public void close() throws IOException {
            client.close();
            server.close();
            listener.close();
        }
    }
}
