package dev.chatd.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chatd.callback.CallbackServer;
import dev.chatd.common.config.ChatConfig;
import dev.chatd.common.server.ChatServer;
import dev.chatd.streams.StreamsServer;
import dev.chatd.streams.StreamsServerMain;
import dev.chatd.testkit.FakeUser;
import dev.chatd.testkit.cluster.RedisServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Cluster (v1.1): a node that dies (SIGKILL of its JVM) has its users announced
 * {@code (node lost)} within 10 s, once each however many nodes survive, and their names are free
 * again; a node stopped with SIGTERM has its users announced {@code (server shutting down)}.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class NodeLossTest {

    private static final Duration WITHIN = Duration.ofSeconds(10);

    private final List<AutoCloseable> closeLast = new ArrayList<>();
    private final List<FakeUser> users = new ArrayList<>();
    private RedisServer redis;

    @Test
    void aKilledNodesUsersAreAnnouncedOnceByTheSurvivorsAndTheirNamesAreFree() throws Exception {
        redis = RedisServer.start();
        ChatServer one = node(CallbackServer::start, "one");
        ChatServer two = node(StreamsServer::start, "two");
        ChildNode doomed = ChildNode.start(StreamsServerMain.class, redis.uri(), "doomed");
        closeLast.add(doomed);

        FakeUser alice = user(one.port(), "alice");
        FakeUser carol = user(two.port(), "carol");
        FakeUser bob = user(doomed.port(), "bob");
        FakeUser dave = user(doomed.port(), "dave");
        join(dave, "dev");
        assertEquals("* users in #dev: alice, dave", join(alice, "dev"));
        carol.awaitLine("* dave left #lobby");

        long killed = System.nanoTime();
        doomed.kill();
        carol.awaitLine("* bob left #lobby (node lost)"); // FakeUser waits 10 s at most
        alice.awaitLine("* dave left #dev (node lost)"); // FakeUser waits 10 s at most
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);

        // Once each: a line after them all shows nothing came twice.
        FakeUser erin = user(one.port(), "bob"); // the name is free again
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
        redis = RedisServer.start();
        ChatServer one = node(CallbackServer::start, "one");
        ChildNode leaving = ChildNode.start(StreamsServerMain.class, redis.uri(), "leaving");
        closeLast.add(leaving);
        FakeUser alice = user(one.port(), "alice");
        FakeUser bob = user(leaving.port(), "bob");
        alice.awaitLine("* bob joined #lobby");

        assertEquals(0, leaving.terminate(), leaving.log());
        bob.awaitLine("* server shutting down");
        alice.awaitLine("* bob left #lobby (server shutting down)");
        alice.send("/who");
        alice.awaitLine("* users in #lobby: alice");
    }

    private ChatServer node(dev.chatd.common.server.ChatServerFactory factory, String id) throws Exception {
        ChatServer node = factory.start(ChatConfig.forTests().withRedis(redis.uri()).withNodeId(id).withAdminPort(0));
        closeLast.add(0, node);
        return node;
    }

    private FakeUser user(int port, String name) {
        FakeUser user = FakeUser.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), name);
        users.add(user);
        user.login(name);
        return user;
    }

    private static String join(FakeUser user, String room) {
        user.send("/join " + room);
        return user.awaitLineStartingWith("* users in #" + room + ": ");
    }

    @AfterEach
    void close() throws Exception {
        users.forEach(FakeUser::close);
        for (AutoCloseable c : closeLast) c.close();
        if (redis != null) redis.close();
    }
}
