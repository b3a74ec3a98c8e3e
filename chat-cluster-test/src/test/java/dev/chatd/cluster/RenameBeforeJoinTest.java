package dev.chatd.cluster;

import dev.chatd.callback.CallbackServer;
import dev.chatd.common.config.ChatConfig;
import dev.chatd.common.server.ChatServer;
import dev.chatd.streams.StreamsServer;
import dev.chatd.testkit.FakeUser;
import dev.chatd.testkit.cluster.ClusterFixture;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A {@code /nick} typed while the user's own join is still on its way: the user is not yet a
 * member of the room here (the join lists them when it comes back), so the rename must not list
 * them either. It did: the room's names took the new name at once, the join then found it listed,
 * and the exception killed the node's stream reader, so nobody on the node heard the rooms again
 * (the cluster soak, once: "already listed: u29n1", then every user's own lines missing).
 *
 * <p>Deterministic, as {@link JoinRepliesOrderTest}: Redis runs no write until the node has
 * handled both lines. A change of case only, so the rename needs no write of its own.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RenameBeforeJoinTest {

    @RegisterExtension
    final Testbed bed = new Testbed();

    @Test
    void aRenameBeforeTheUsersOwnJoinCameBackListsThemOnceAndTheNodeReadsOn() throws IOException {
        ClusterFixture cluster = bed.closedAfter((ClusterFixture) ClusterFixture.of(CallbackServer::start, StreamsServer::start)
                .start(ChatConfig.forTests()));
        ChatServer aliceNode = cluster.nodes().get(0);
        FakeUser alice = bed.user(aliceNode, "alice");
        FakeUser bob = bed.user(cluster.nodes().get(1), "bob");
        alice.awaitLine("* bob joined #lobby");
        bob.send("/join r1");
        bob.awaitLine("* users in #r1: bob");
        alice.awaitLine("* bob left #lobby");

        long before = aliceNode.hub().metrics().linesReceived();
        cluster.redis().cli("CLIENT", "PAUSE", "20000", "WRITE");
        alice.sendWithoutLineEnd("/join r1\r\n/nick Alice\r\n");
        Awaitility.await("alice's two lines handled").atMost(FakeUser.TIMEOUT).pollInterval(Duration.ofMillis(5))
                .until(() -> aliceNode.hub().metrics().linesReceived() >= before + 2);
        cluster.redis().cli("CLIENT", "UNPAUSE");

        alice.awaitLine("* alice joined #r1");
        alice.awaitLine("* alice is now known as Alice");
        bob.awaitLine("* alice is now known as Alice");
        bob.send("still there?");
        alice.awaitLine("bob: still there?"); // the node's reader lives
        alice.send("/who");
        alice.awaitLine("* users in #r1: Alice, bob");
    }
}
