package dev.chatd.common.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatd.common.config.ChatConfig;
import dev.chatd.common.config.ConfigHelp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ServerMainTest {

    private static final String PROGRAM = "chatd-test";

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
    private final AtomicReference<FakeChatServer> started = new AtomicReference<>();
    private final ChatServerFactory fakeFactory = config -> {
        FakeChatServer server = new FakeChatServer(config);
        started.set(server);
        return server;
    };

    private int run(ChatServerFactory factory, CompletableFuture<String> stop, Map<String, String> env, String... args) {
        return ServerMain.run(PROGRAM, args, env, factory, out, err, stop);
    }

    private String stdout() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpGoesToStdoutAndExitsZeroWithoutStarting() {
        int code = run(fakeFactory, new CompletableFuture<>(), Map.of(), "--help");

        assertEquals(0, code);
        assertEquals(ConfigHelp.text(PROGRAM), stdout());
        assertEquals("", stderr());
        assertNull(started.get());
    }

    @Test
    void aBadArgumentGoesToStderrWithAHintAndExitsTwo() {
        int code = run(fakeFactory, new CompletableFuture<>(), Map.of(), "--port", "abc");

        assertEquals(2, code);
        assertEquals(PROGRAM + ": --port: not a number: \"abc\"" + System.lineSeparator()
                + "Try '" + PROGRAM + " --help' for the list of options." + System.lineSeparator(), stderr());
        assertEquals("", stdout());
        assertNull(started.get());
    }

    @Test
    void aBadEnvironmentVariableExitsTwoToo() {
        assertEquals(2, run(fakeFactory, new CompletableFuture<>(), Map.of("CHAT_PORT", "70000")));
        assertTrue(stderr().startsWith(PROGRAM + ": CHAT_PORT: port must be 0-65535: 70000"), stderr());
    }

    @Test
    void aPortInUseExitsOneNamingHostAndPort() {
        ChatServerFactory taken = config -> {
            throw new BindException("Address already in use");
        };

        int code = run(taken, new CompletableFuture<>(), Map.of(), "--host", "127.0.0.1", "--port", "4455");

        assertEquals(1, code);
        assertEquals(PROGRAM + ": cannot listen on 127.0.0.1:4455: address already in use" + System.lineSeparator(),
                stderr());
    }

    @Test
    void versionGoesToStdoutAndExitsZeroWithoutStarting() {
        int code = run(fakeFactory, new CompletableFuture<>(), Map.of("CHAT_PORT", "bad"), "--version");

        assertEquals(0, code);
        assertEquals(PROGRAM + " " + System.getProperty("chatd.project.version") + "\n", stdout());
        assertEquals("", stderr());
        assertNull(started.get());
    }

    @Test
    void anUnknownOptionGetsExactlyOneHint() {
        assertEquals(2, run(fakeFactory, new CompletableFuture<>(), Map.of(), "--prot", "1"));

        assertEquals(PROGRAM + ": unknown option: \"--prot\"" + System.lineSeparator()
                + "Try '" + PROGRAM + " --help' for the list of options." + System.lineSeparator(), stderr());
    }

    @Test
    void anUnknownHostIsABadValueExitingTwoWithoutStarting() {
        int code = run(fakeFactory, new CompletableFuture<>(), Map.of(), "--host", "999.1.1.1");

        assertEquals(2, code);
        assertTrue(stderr().startsWith(PROGRAM + ": --host: not an IP address or a known host name: \"999.1.1.1\""
                + System.lineSeparator()), stderr());
        assertNull(started.get());
    }

    @Test
    void tooManyThreadsIsABadValueExitingTwoWithoutStarting() {
        assertEquals(2, run(fakeFactory, new CompletableFuture<>(), Map.of(), "--threads", "100000"));
        assertTrue(stderr().startsWith(PROGRAM + ": --threads: threads must be 0-256: 100000"), stderr());
        assertNull(started.get());
    }

    @Test
    void nettysNativeWordingOfABindFailureIsPrintedAsTheJdksIs() {
        ChatServerFactory taken = config -> {
            throw new IOException("bind(..) failed with error(-98): Address already in use");
        };

        assertEquals(1, run(taken, new CompletableFuture<>(), Map.of(), "--host", "127.0.0.1", "--port", "4455"));
        assertEquals(PROGRAM + ": cannot listen on 127.0.0.1:4455: address already in use" + System.lineSeparator(),
                stderr());
    }

    @Test
    void anIpv6HostIsBracketedInMessages() {
        ChatServerFactory taken = config -> {
            throw new BindException("Address already in use");
        };

        assertEquals(1, run(taken, new CompletableFuture<>(), Map.of("CHAT_HOST", "::")));
        assertTrue(stderr().contains("cannot listen on [::]:4455: "), stderr());
    }

    @Test
    void anyOtherStartFailureExitsOne() {
        ChatServerFactory broken = config -> {
            throw new IllegalStateException("no threads left");
        };

        assertEquals(1, run(broken, new CompletableFuture<>(), Map.of()));
        assertEquals(PROGRAM + ": failed to start on 0.0.0.0:4455: no threads left" + System.lineSeparator(), stderr());
    }

    @Test
    void runsUntilAStopIsRequestedThenClosesTheServerAndExitsZero() throws Exception {
        CompletableFuture<String> stop = new CompletableFuture<>();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                () -> run(fakeFactory, stop, Map.of("CHAT_NAME", "from-env"), "--port=0", "--max-users", "7"));

        await().atMost(Duration.ofSeconds(10)).until(() -> started.get() != null);
        FakeChatServer server = started.get();
        assertEquals(ChatConfig.defaults().withPort(0).withName("from-env").withMaxUsers(7), server.config());
        assertFalse(exit.isDone(), "returned before a stop was requested");
        assertEquals(0, server.closeCount());

        stop.complete("test");

        assertEquals(0, exit.get(10, TimeUnit.SECONDS));
        assertEquals(1, server.closeCount());
        assertEquals("", stderr());
        assertEquals("", stdout());
    }

    @Test
    void aStopRequestedWhileStartingClosesRightAfterTheStart() {
        assertEquals(0, run(fakeFactory, CompletableFuture.completedFuture("early"), Map.of()));
        assertEquals(1, started.get().closeCount());
    }

    @Test
    void aFailedStopRequestStillShutsDown() {
        assertEquals(0, run(fakeFactory, CompletableFuture.failedFuture(new IllegalStateException("x")), Map.of()));
        assertEquals(1, started.get().closeCount());
    }

    @Test
    void aFailingShutdownExitsOne() {
        ChatServerFactory failsToClose = config -> new FakeChatServer(config, () -> {
            throw new IllegalStateException("stuck");
        });

        assertEquals(1, run(failsToClose, CompletableFuture.completedFuture("test"), Map.of()));
        assertEquals(PROGRAM + ": shutdown failed: stuck" + System.lineSeparator(), stderr());
    }

    @Test
    void theListeningLineShowsTheBoundAddressNameAndCapacity() {
        ChatConfig config = ChatConfig.defaults().withName("Tea Room").withMaxUsers(50).withPort(0);

        assertEquals("chatd listening on 127.0.0.1:38211 (name Tea Room, max users 50)",
                ServerMain.listeningMessage("chatd", config.withHost("127.0.0.1"), new InetSocketAddress("127.0.0.1", 38211)));
        assertEquals("chatd listening on [::]:4455 (name Tea Room, max users 50)",
                ServerMain.listeningMessage("chatd", config.withHost("::"), new InetSocketAddress("::", 4455)));
    }
}
