package dev.chatd.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chatd.callback.CallbackServer;
import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.common.server.ServerMain;
import dev.chatd.streams.StreamsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Both servers' factories run through {@link ServerMain} the way their main classes do, on real
 * sockets, under one program name: every start-up outcome must be the same exit code and the same
 * bytes on stderr, because the wording is decided in chat-common and not by either transport.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class StartupErrorsTest {

    private static final String PROGRAM = "chatd-test";
    private static final String NL = System.lineSeparator();
    /** TEST-NET-1 (RFC 5737): a valid address that no machine running these tests has. */
    private static final String NOT_LOCAL = "192.0.2.1";

    /** What one run printed on stderr, and its exit code. */
    private record Outcome(int exitCode, String stderr) {
    }

    private static Outcome run(ChatServerFactory factory, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // Already requested: a server that does start is closed again at once instead of running on.
        int code = ServerMain.run(PROGRAM, args, Map.of(), factory,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                CompletableFuture.completedFuture("test"));
        return new Outcome(code, err.toString(StandardCharsets.UTF_8));
    }

    /** Runs both servers with {@code args}; both must give {@code expected}. */
    private static void bothGive(Outcome expected, String... args) {
        Outcome callback = run(CallbackServer::start, args);
        Outcome streams = run(StreamsServer::start, args);

        assertEquals(callback, streams, "the two servers differ");
        assertEquals(expected, callback);
    }

    private static ServerSocket occupiedLoopbackPort() throws IOException {
        return new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
    }

    @Test
    void aTakenChatPort() throws Exception {
        try (ServerSocket taken = occupiedLoopbackPort()) {
            int port = taken.getLocalPort();

            bothGive(new Outcome(1, PROGRAM + ": cannot listen on 127.0.0.1:" + port + ": address already in use" + NL),
                    "--host", "127.0.0.1", "--port", Integer.toString(port));
        }
    }

    @Test
    void aTakenAdminPort() throws Exception {
        try (ServerSocket taken = occupiedLoopbackPort()) {
            int port = taken.getLocalPort();

            bothGive(new Outcome(1, PROGRAM + ": cannot listen on 127.0.0.1:" + port + " (admin): address already in use" + NL),
                    "--host", "127.0.0.1", "--port", "0", "--admin-port", Integer.toString(port));
        }
    }

    @Test
    void anAddressOfNoInterfaceOfThisMachine() {
        bothGive(new Outcome(1, PROGRAM + ": cannot listen on " + NOT_LOCAL + ":0: cannot assign requested address"
                + " (the host is not an address of this machine)" + NL), "--host", NOT_LOCAL, "--port", "0");
    }

    @Test
    void anUnresolvableHostIsABadValue() {
        bothGive(new Outcome(2, PROGRAM + ": --host: not an IP address or a known host name: \"999.1.1.1\"" + NL
                + "Try '" + PROGRAM + " --help' for the list of options." + NL), "--host", "999.1.1.1", "--port", "0");
    }

    @Test
    void tooManyThreadsIsABadValue() {
        bothGive(new Outcome(2, PROGRAM + ": --threads: threads must be 0-256: 100000" + NL
                + "Try '" + PROGRAM + " --help' for the list of options." + NL), "--threads", "100000", "--port", "0");
    }

    @Test
    void aGoodStartAndStopPrintsNothingAndExitsZero() {
        bothGive(new Outcome(0, ""), "--host", "127.0.0.1", "--port", "0", "--threads", "256");
    }

    @Test
    void anUnknownTransportIsABadValue() {
        bothGive(new Outcome(2, PROGRAM + ": --transport: transport must be one of auto|io_uring|epoll|nio: \"kqueue\"" + NL
                + "Try '" + PROGRAM + " --help' for the list of options." + NL), "--transport", "kqueue", "--port", "0");
    }

    /** NIO is what both can run: the callback server on Netty's NIO transport, the streams server as always. */
    @Test
    void bothRunOnNio() {
        bothGive(new Outcome(0, ""), "--host", "127.0.0.1", "--port", "0", "--transport", "nio");
    }

    /**
     * Only the callback server has native transports; the streams server is NIO.2 by design, so
     * asking it for one is a start that cannot happen, said as such (and the callback server starts).
     */
    @Test
    void theStreamsServerRefusesANativeTransport() {
        for (String transport : new String[] {"epoll", "io_uring"}) {
            assertEquals(new Outcome(1, PROGRAM + ": failed to start on 127.0.0.1:0: the " + transport
                            + " transport is chat-callback's; chat-streams runs on the JDK's NIO.2 (--transport auto or nio)" + NL),
                    run(StreamsServer::start, "--host", "127.0.0.1", "--port", "0", "--transport", transport));
        }
        assertEquals(new Outcome(0, ""), run(CallbackServer::start, "--host", "127.0.0.1", "--port", "0", "--transport", "epoll"));
    }
}
