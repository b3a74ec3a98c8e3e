package dev.chatd.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chatd.callback.CallbackServer;
import dev.chatd.common.config.ChatConfig;
import dev.chatd.common.server.ChatServer;
import dev.chatd.streams.StreamsServer;
import dev.chatd.testkit.FakeUser;
import dev.chatd.testkit.cluster.ClusterFixture;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Replies that read the room ({@code /who}, {@code /history}, the switch of {@code /json}) typed
 * while the user's own join is still on its way: each is computed at its place in the user's
 * output, after the join, so it shows the room with the user in it, and the join comes in the
 * format it was typed under (docs/cluster.md, "A user's own line comes back through the one
 * order"). They used to be computed at once, from a room this node had not read yet.
 *
 * <p>Deterministic: Redis's writes are paused ({@code CLIENT PAUSE WRITE}), so the join cannot come
 * back before the node has handled both lines (its line counter says when), and only then resumed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JoinRepliesOrderTest {

    @RegisterExtension
    final Testbed bed = new Testbed();
    private ClusterFixture cluster;
    private ChatServer aliceNode;
    private FakeUser alice;
    private FakeUser bob;

    @Test
    void aWhoBeforeTheUsersOwnJoinCameBackListsThemAfterTheirJoin() throws IOException {
        start();
        joinWhileTheJoinIsHeldBack("/who");
        alice.awaitLine("* alice joined #r1");
        alice.awaitLine("* users in #r1: alice, bob"); // the one after the user's own join
        assertEquals("* users in #r1: alice, bob", alice.nextLine(), "/who's answer, after the join: " + alice.text());
    }

    @Test
    void aHistoryBeforeTheUsersOwnJoinCameBackEndsWithTheirJoin() throws IOException {
        start();
        joinWhileTheJoinIsHeldBack("/history");
        alice.awaitLine("* alice joined #r1");
        alice.awaitLine("* users in #r1: alice, bob");
        List<String> replay = alice.nextLines(4);
        assertEquals("* history of #r1: 2 events", replay.get(0), alice.text());
        assertEquals(true, replay.get(1).endsWith("] * bob joined #r1"), alice.text());
        assertEquals(true, replay.get(2).endsWith("] * alice joined #r1"), alice.text());
        assertEquals("* end of history", replay.get(3), alice.text());
    }

    @Test
    void aJsonBeforeTheUsersOwnJoinCameBackSwitchesAfterIt() throws IOException {
        start();
        joinWhileTheJoinIsHeldBack("/json");
        alice.awaitLine("* alice joined #r1"); // in text: typed before the switch
        alice.expectNext("* users in #r1: alice, bob");
        alice.expectNext("{\"type\":\"info\",\"text\":\"output is now json\"}");
        bob.send("after");
        alice.awaitLine(l -> l.contains("\"type\":\"message\"") && l.contains("\"text\":\"after\""), "bob's line in json");
    }

    /** Alice, in #lobby, types {@code /join r1} and the line {@code then} while Redis runs no write. */
    private void joinWhileTheJoinIsHeldBack(String then) {
        long before = aliceNode.hub().metrics().linesReceived();
        cluster.redis().cli("CLIENT", "PAUSE", "20000", "WRITE");
        alice.sendWithoutLineEnd("/join r1\r\n" + then + "\r\n");
        Awaitility.await("alice's two lines handled").atMost(FakeUser.TIMEOUT).pollInterval(Duration.ofMillis(5))
                .until(() -> aliceNode.hub().metrics().linesReceived() >= before + 2);
        cluster.redis().cli("CLIENT", "UNPAUSE");
    }

    /** Bob (streams node) in #r1; alice (callback node) in #lobby, having seen bob's join there and his leave. */
    private void start() throws IOException {
        cluster = bed.closedAfter((ClusterFixture) ClusterFixture.of(CallbackServer::start, StreamsServer::start)
                .start(ChatConfig.forTests()));
        aliceNode = cluster.nodes().get(0);
        alice = bed.user(aliceNode, "alice");
        bob = bed.user(cluster.nodes().get(1), "bob");
        alice.awaitLine("* bob joined #lobby");
        bob.send("/join r1");
        bob.awaitLine("* users in #r1: bob");
        alice.awaitLine("* bob left #lobby");
    }
}
