package dev.chatd.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chatd.callback.CallbackServer;
import dev.chatd.common.config.ChatConfig;
import dev.chatd.common.server.ChatServer;
import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.streams.StreamsServer;
import dev.chatd.streams.StreamsServerMain;
import dev.chatd.testkit.FakeUser;
import dev.chatd.testkit.cluster.RedisServer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Cluster (v1.1): a node that dies (SIGKILL of its JVM) has its users announced
 * {@code (node lost)} within 10 s, once each however many nodes survive, and their names are free
 * again; a node stopped with SIGTERM has its users announced {@code (server shutting down)}.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class NodeLossTest {

    private static final Duration WITHIN = Duration.ofSeconds(10);

    @RegisterExtension
    final Testbed bed = new Testbed();
    private RedisServer redis;

    @Test
    void aKilledNodesUsersAreAnnouncedOnceByTheSurvivorsAndTheirNamesAreFree() throws Exception {
        redis = bed.redis();
        ChatServer one = node(CallbackServer::start, "one");
        ChatServer two = node(StreamsServer::start, "two");
        ChildNode doomed = bed.closedAfter(ChildNode.start(StreamsServerMain.class, redis.uri(), "doomed"));

        FakeUser alice = bed.user(one.port(), "alice");
        FakeUser carol = bed.user(two.port(), "carol");
        FakeUser bob = bed.user(doomed.port(), "bob");
        FakeUser dave = bed.user(doomed.port(), "dave");
        join(dave, "dev");
        assertEquals("* users in #dev: alice, dave", join(alice, "dev"));
        carol.awaitLine("* dave left #lobby");

        long killed = System.nanoTime();
        doomed.kill();
        carol.awaitLine("* bob left #lobby (node lost)"); // FakeUser waits 10 s at most
        alice.awaitLine("* dave left #dev (node lost)"); // FakeUser waits 10 s at most
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);

        // Once each: a line after them all shows nothing came twice.
        FakeUser erin = bed.user(one.port(), "bob"); // the name is free again
        erin.send("/msg carol done");
        carol.awaitLine("[pm from bob] done");
        assertEquals(1, carol.lines().stream().filter(l -> l.startsWith("* bob left #lobby")).count(), carol.text());
        assertEquals(1, alice.lines().stream().filter(l -> l.startsWith("* dave left #dev")).count(), alice.text());
        alice.send("/who");
        alice.awaitLine("* users in #dev: alice");
        assertEquals(true, took < WITHIN.toMillis(), "announced after " + took + " ms");
        // One survivor cleaned the lost node up, and counted it.
        try (AdminScrape first = new AdminScrape(one, "callback"); AdminScrape second = new AdminScrape(two, "streams")) {
            assertEquals(1.0, first.value("chatd_cluster_nodes_lost_total") + second.value("chatd_cluster_nodes_lost_total"));
        }
    }

    @Test
    void aNodeStoppedWithSigtermHasItsUsersAnnouncedAsShuttingDown() throws Exception {
        redis = bed.redis();
        ChatServer one = node(CallbackServer::start, "one");
        ChildNode leaving = bed.closedAfter(ChildNode.start(StreamsServerMain.class, redis.uri(), "leaving"));
        FakeUser alice = bed.user(one.port(), "alice");
        FakeUser bob = bed.user(leaving.port(), "bob");
        alice.awaitLine("* bob joined #lobby");

        assertEquals(0, leaving.terminate(), leaving.log());
        bob.awaitLine("* server shutting down");
        alice.awaitLine("* bob left #lobby (server shutting down)");
        alice.send("/who");
        alice.awaitLine("* users in #lobby: alice");
    }

    /** A node with its admin port on, for the metrics. */
    private ChatServer node(ChatServerFactory factory, String id) {
        return bed.node(factory, ChatConfig.forTests().withNodeId(id).withAdminPort(0));
    }

    private static String join(FakeUser user, String room) {
        user.send("/join " + room);
        return user.awaitLineStartingWith("* users in #" + room + ": ");
    }
}
