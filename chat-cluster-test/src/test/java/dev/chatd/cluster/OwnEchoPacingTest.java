package dev.chatd.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatd.callback.CallbackServer;
import dev.chatd.common.config.ChatConfig;
import dev.chatd.common.room.OwnEventBound;
import dev.chatd.common.server.ChatServer;
import dev.chatd.streams.StreamsServer;
import dev.chatd.testkit.FakeUser;
import dev.chatd.testkit.cluster.RedisServer;
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
import org.junit.jupiter.api.extension.RegisterExtension;

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

    @RegisterExtension
    final Testbed bed = new Testbed();
    private final List<ChatServer> nodes = new ArrayList<>();
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
        redis = bed.redis();
        ChatConfig config = ChatConfig.forTests().withOutputLimitBytes(OUTPUT_LIMIT);
        startNodes(config);
        ChatServer home = nodes.get(floodersNode);
        FakeUser flooder = bed.user(home, "flooder");
        FakeUser reader = bed.user(nodes.get(1 - floodersNode), "reader");
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
        // And no more while no echo can come back. Without the bound the node read on at once
        // (the scripts merely queue in Redis), past this count within a few milliseconds.
        Awaitility.await("the node to read no more than the bound").during(Duration.ofMillis(300))
                .atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(5))
                .untilAsserted(() -> assertEquals(before + bound, received(home), "lines read while no echo could come back"));
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
    void onTheCallbackNodeLinesHeldByTheBoundWhenTheInputEndsAreHandledAtOnce() {
        endInputWhileWaitingOnTheBound(0);
    }

    @Test
    void onTheStreamsNodeLinesHeldByTheBoundWhenTheInputEndsAreHandledAtOnce() {
        endInputWhileWaitingOnTheBound(1);
    }

    /**
     * The end-of-input rule (InputRate, docs/protocol.md): once the input has ended nothing is
     * paced, so the lines a node holds back for the bound are handled at once, though no echo can
     * come back while Redis's writes are paused; the leave follows them.
     */
    private void endInputWhileWaitingOnTheBound(int alicesNode) {
        redis = bed.redis();
        ChatConfig config = ChatConfig.forTests();
        startNodes(config);
        ChatServer home = nodes.get(alicesNode);
        FakeUser alice = bed.user(home, "alice");
        FakeUser bob = bed.user(nodes.get(1 - alicesNode), "bob");
        alice.awaitLine("* bob joined #lobby");
        int lines = OwnEventBound.of(config) + 30;
        long before = received(home);

        redis.cli("CLIENT", "PAUSE", "20000", "WRITE");
        StringBuilder burst = new StringBuilder();
        for (int i = 0; i < lines; i++) burst.append("last ").append(i).append("\r\n");
        alice.sendWithoutLineEnd(burst.toString());
        alice.shutdownOutput();
        // Well before the scripts in flight time out (5 s), which would let the lines through too.
        awaitReceived(home, before + lines, Duration.ofSeconds(4));
        redis.cli("CLIENT", "UNPAUSE");

        for (int i = 0; i < lines; i++) bob.awaitLine("alice: last " + i);
        bob.awaitLine("* alice left #lobby (connection closed)");
        for (int i = 0; i < lines; i++) alice.awaitLine("alice: last " + i);
        alice.awaitClosed();
        assertTrue(alice.lines().stream().noneMatch(l -> l.startsWith("! ")), alice.text());
    }

    @Test
    void whileTheLinkIsDownAFlooderIsReadPastTheBoundFillsTheHoldAndIsToldWhatWasNotSent() {
        redis = bed.redis(true); // AOF: the restart keeps the data set
        startNodes(ChatConfig.forTests());
        ChatServer home = nodes.get(0);
        FakeUser alice = bed.user(home, "alice");
        FakeUser bob = bed.user(nodes.get(1), "bob");
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

    /**
     * The link goes down while a user waits on the bound and the scripts in flight are still
     * pending: only the reader's connection is cut ({@code CLIENT KILL}), while Redis keeps the
     * scripts paused on the command connection, where the node's check for the link's return
     * waits behind them too. So nothing but the link's loss can release the user before the
     * scripts time out, 5 s after they were sent (without the release it took 7.8 s here).
     */
    @Test
    void aUserOnTheCallbackNodeWaitingOnTheBoundWhenTheLinkGoesIsReadOnAtOnceAndCanQuit() {
        waitOnTheBoundWhileTheLinkGoes(0);
    }

    @Test
    void aUserOnTheStreamsNodeWaitingOnTheBoundWhenTheLinkGoesIsReadOnAtOnceAndCanQuit() {
        waitOnTheBoundWhileTheLinkGoes(1);
    }

    private void waitOnTheBoundWhileTheLinkGoes(int alicesNode) {
        redis = bed.redis();
        ChatConfig config = ChatConfig.forTests();
        startNodes(config);
        ChatServer home = nodes.get(alicesNode);
        FakeUser alice = bed.user(home, "alice");
        int bound = OwnEventBound.of(config);
        long before = received(home);

        redis.cli("CLIENT", "PAUSE", "20000", "WRITE");
        StringBuilder burst = new StringBuilder();
        for (int i = 0; i < bound + 20; i++) burst.append("line ").append(i).append("\r\n");
        burst.append("/quit\r\n");
        long sent = System.nanoTime();
        alice.sendWithoutLineEnd(burst.toString());
        awaitReceived(home, before + bound);
        killStreamReaders();
        alice.awaitLine("* cluster link lost, reconnecting");
        alice.awaitClosed();
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
        assertEquals(before + bound + 21, received(home), "every line, the /quit last, read with the link down");
        assertTrue(tookMillis < 4_500, "alice was read on only after " + tookMillis + " ms, as the scripts timed out");
        redis.cli("CLIENT", "UNPAUSE");
    }

    /** Cuts the nodes' stream readers' connections (the ones whose last command was an XREAD). */
    private void killStreamReaders() {
        for (String client : redis.cli("CLIENT", "LIST").split("\n")) {
            if (!client.contains(" cmd=xread")) continue;
            String id = client.substring(client.indexOf("id=") + 3, client.indexOf(' '));
            redis.cli("CLIENT", "KILL", "ID", id);
        }
    }

    private static final int HOLD_LIMIT = 1_000; // ClusterEvents.HOLD_LIMIT, per node

    private static long received(ChatServer node) {
        return node.hub().metrics().linesReceived();
    }

    private static void awaitReceived(ChatServer node, long lines) {
        awaitReceived(node, lines, FakeUser.TIMEOUT);
    }

    private static void awaitReceived(ChatServer node, long lines, Duration atMost) {
        Awaitility.await("node to have read " + lines + " lines").atMost(atMost)
                .pollInterval(Duration.ofMillis(5)).until(() -> received(node) >= lines);
    }

    /** Node one (callback) and node two (streams) on this test's Redis. */
    private void startNodes(ChatConfig config) {
        nodes.add(bed.node(CallbackServer::start, config.withNodeId("one")));
        nodes.add(bed.node(StreamsServer::start, config.withNodeId("two")));
    }

    /** Every node stops serving (hub shutdown) before the testbed closes any of them. */
    @AfterEach
    void shutDownHubs() {
        nodes.forEach(node -> node.hub().shutdown());
    }
}
