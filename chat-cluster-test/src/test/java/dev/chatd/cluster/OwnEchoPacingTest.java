package dev.chatd.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatd.callback.CallbackServer;
import dev.chatd.common.config.ChatConfig;
import dev.chatd.common.room.OwnEventBound;
import dev.chatd.common.server.ChatServer;
import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.streams.StreamsServer;
import dev.chatd.testkit.FakeUser;
import dev.chatd.testkit.cluster.RedisServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A sender is paced by their own events in flight (docs/cluster.md, "A sender is paced by their own
 * events in flight"): a node reads a user's next line only while fewer than
 * {@link OwnEventBound} of their own events are on their way back through Redis, on either server;
 * and while the link is down the bound holds nobody back.
 *
 * <p>Deterministic: Redis's writes are paused ({@code CLIENT PAUSE WRITE}), so no echo can come back
 * and what the node reads meanwhile is exactly what the bound lets through; the nodes' own line
 * counters say how much that was.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OwnEchoPacingTest {

    private static final long OUTPUT_LIMIT = 256 * 1024;
    private static final int FLOOD_LINES = 1_000;
    private static final String FILLER = "f".repeat(4000);

    private final List<ChatServer> nodes = new ArrayList<>();
    private final List<FakeUser> users = new ArrayList<>();
    private RedisServer redis;

    @Test
    void aFlooderOnTheCallbackNodeIsReadOnlyAsItsEchoComesBackAndIsNeverCut() {
        floodWhileEchoesAreHeldBack(0);
    }

    @Test
    void aFlooderOnTheStreamsNodeIsReadOnlyAsItsEchoComesBackAndIsNeverCut() {
        floodWhileEchoesAreHeldBack(1);
    }

    /**
     * 1,000 lines of 4 KB, 4 MB of echo, sent at once while Redis runs no script: without the bound
     * the node read them all and their echoes then landed together, far over the 256 KiB limit, and
     * the flooder (and the reader on the other node) were cut as too slow.
     */
    private void floodWhileEchoesAreHeldBack(int floodersNode) {
        redis = RedisServer.start();
        ChatConfig config = ChatConfig.forTests().withOutputLimitBytes(OUTPUT_LIMIT);
        startNodes(config);
        ChatServer home = nodes.get(floodersNode);
        FakeUser flooder = user(home, "flooder");
        FakeUser reader = user(nodes.get(1 - floodersNode), "reader");
        flooder.awaitLine("* reader joined #lobby");
        int bound = OwnEventBound.of(config);
        long before = received(home);

        redis.cli("CLIENT", "PAUSE", "20000", "WRITE");
        StringBuilder lines = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < FLOOD_LINES; i++) {
            lines.append(i).append(' ').append(FILLER).append("\r\n");
            expected.add("flooder: " + i + " " + FILLER);
        }
        // From a thread of its own, as a client would: the node stops reading, so the write blocks.
        CompletableFuture<Void> flood = CompletableFuture.runAsync(() -> flooder.sendWithoutLineEnd(lines.toString()));
        awaitReceived(home, before + bound);
        assertEquals(before + bound, received(home), "lines read while no echo could come back");
        redis.cli("CLIENT", "UNPAUSE");

        for (FakeUser user : List.of(flooder, reader)) {
            for (int i = 99; i < FLOOD_LINES; i += 100) user.awaitLine(expected.get(i)); // a wait per 400 KB
            List<String> got = user.lines().stream().filter(l -> l.startsWith("flooder: ")).collect(Collectors.toList());
            assertEquals(expected, got, user.label() + " got every line of the flood, in order");
            assertTrue(user.lines().stream().noneMatch(l -> l.contains(" left #lobby")), user.label() + " saw someone cut");
        }
        flood.join();
    }

    @Test
    void whileTheLinkIsDownAFlooderIsReadPastTheBoundFillsTheHoldAndIsToldWhatWasNotSent() {
        redis = RedisServer.start(true); // AOF: the restart keeps the data set
        startNodes(ChatConfig.forTests());
        ChatServer home = nodes.get(0);
        FakeUser alice = user(home, "alice");
        FakeUser bob = user(nodes.get(1), "bob");
        alice.awaitLine("* bob joined #lobby");

        redis.stop();
        alice.awaitLine("* cluster link lost, reconnecting");
        long before = received(home);
        int past = 5;
        StringBuilder burst = new StringBuilder();
        for (int i = 0; i < HOLD_LIMIT + past; i++) burst.append("held ").append(i).append("\r\n");
        alice.sendWithoutLineEnd(burst.toString());
        // Every line read while Redis is still down: held lines do not count against the bound.
        awaitReceived(home, before + HOLD_LIMIT + past);

        redis.restart();
        alice.awaitLine("* cluster link restored");
        for (int i = 0; i < HOLD_LIMIT; i++) alice.awaitLine("alice: held " + i);
        for (int i = 0; i < past; i++) alice.awaitLine("! not sent: cluster unavailable");
        bob.awaitLine("alice: held " + (HOLD_LIMIT - 1));
        alice.send("/who");
        alice.awaitLine("* users in #lobby: alice, bob");
        assertTrue(bob.lines().stream().noneMatch(l -> l.startsWith("alice: held " + HOLD_LIMIT)), bob.text());
    }

    @Test
    void aUserWaitingOnTheBoundWhenRedisDiesIsReadOnAtOnceAndCanQuit() {
        redis = RedisServer.start();
        ChatConfig config = ChatConfig.forTests();
        startNodes(config);
        ChatServer home = nodes.get(1); // the streams node: its wait is a future in the session's chain
        FakeUser alice = user(home, "alice");
        int bound = OwnEventBound.of(config);
        long before = received(home);

        redis.cli("CLIENT", "PAUSE", "20000", "WRITE");
        StringBuilder burst = new StringBuilder();
        for (int i = 0; i < bound + 20; i++) burst.append("line ").append(i).append("\r\n");
        burst.append("/quit\r\n");
        long sent = System.nanoTime();
        alice.sendWithoutLineEnd(burst.toString());
        awaitReceived(home, before + bound);
        redis.kill();
        alice.awaitLine("* cluster link lost, reconnecting");
        alice.awaitClosed();
        assertEquals(before + bound + 21, received(home), "every line, the /quit last, read with the link down");
        // Not merely once the scripts in flight timed out (5 s after they were sent), which would
        // have let the lines through as well: the link's loss released the wait.
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
        assertTrue(tookMillis < 4_500, "alice was read on only after " + tookMillis + " ms");
    }

    private static final int HOLD_LIMIT = 1_000; // ClusterEvents.HOLD_LIMIT, per node

    private static long received(ChatServer node) {
        return node.hub().metrics().linesReceived();
    }

    private static void awaitReceived(ChatServer node, long lines) {
        Awaitility.await("node to have read " + lines + " lines").atMost(FakeUser.TIMEOUT)
                .pollInterval(Duration.ofMillis(5)).until(() -> received(node) >= lines);
    }

    /** Node one (callback) and node two (streams) on this test's Redis. */
    private void startNodes(ChatConfig config) {
        node(CallbackServer::start, config.withNodeId("one"));
        node(StreamsServer::start, config.withNodeId("two"));
    }

    private void node(ChatServerFactory factory, ChatConfig config) {
        try {
            nodes.add(factory.start(config.withRedis(redis.uri())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private FakeUser user(ChatServer node, String name) {
        FakeUser user = FakeUser.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), node.port()), name);
        users.add(user);
        user.login(name);
        return user;
    }

    @AfterEach
    void close() {
        users.forEach(FakeUser::close);
        nodes.forEach(node -> node.hub().shutdown());
        nodes.forEach(ChatServer::close);
        if (redis != null) redis.close();
    }
}
