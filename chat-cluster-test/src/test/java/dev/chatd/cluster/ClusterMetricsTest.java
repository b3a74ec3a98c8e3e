package dev.chatd.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatd.callback.CallbackServer;
import dev.chatd.common.config.ChatConfig;
import dev.chatd.common.server.ChatServer;
import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.streams.StreamsServer;
import dev.chatd.testkit.FakeUser;
import dev.chatd.testkit.cluster.RedisServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A cluster node's {@code /metrics}, scraped over HTTP: the link gauge, the publish latency
 * histogram, the events read from Redis, and the lines held while Redis is away, on each server.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClusterMetricsTest {

    private static final Duration WITHIN = Duration.ofSeconds(10);

    @RegisterExtension
    final Testbed bed = new Testbed();
    private RedisServer redis;

    @Test
    void aNodeShowsItsLinkItsPublishesTheEventsItReadAndTheLinesItHeld() throws Exception {
        redis = bed.redis(true); // with AOF: back with its data, so this test sees no reset
        ChatServer one = node(CallbackServer::start, "one");
        ChatServer two = node(StreamsServer::start, "two");
        AdminScrape callback = scrape(one, "callback");
        AdminScrape streams = scrape(two, "streams");
        for (AdminScrape node : List.of(callback, streams)) {
            assertEquals("gauge", node.type("chatd_cluster_link_up"));
            assertEquals("histogram", node.type("chatd_cluster_publish_seconds"));
            for (String counter : List.of("chatd_cluster_events_received_total", "chatd_cluster_lines_held_total",
                    "chatd_cluster_nodes_lost_total", "chatd_cluster_link_losses_total", "chatd_cluster_data_resets_total")) {
                assertEquals("counter", node.type(counter), counter);
            }
            assertEquals(1.0, node.value("chatd_cluster_link_up"));
            assertEquals(0.0, node.value("chatd_cluster_held_lines"));
        }

        FakeUser alice = bed.user(one, "alice");
        FakeUser bob = bed.user(two, "bob");
        alice.awaitLine("* bob joined #lobby");
        for (int i = 0; i < 5; i++) alice.send("line " + i);
        bob.awaitLine("alice: line 4");
        // alice's join and five lines went through node one's publish; both nodes read them back.
        double published = callback.value("chatd_cluster_publish_seconds_count");
        assertTrue(published >= 6, "publishes counted: " + published);
        assertEquals(published, callback.value("chatd_cluster_publish_seconds_bucket{le=\"+Inf\"}"));
        assertTrue(callback.value("chatd_cluster_publish_seconds_sum") > 0);
        assertTrue(streams.value("chatd_cluster_events_received_total") >= 6);

        redis.stop();
        alice.awaitLine("* cluster link lost, reconnecting");
        for (int i = 0; i < 3; i++) alice.send("held " + i);
        Awaitility.await("three lines held").atMost(WITHIN)
                .until(() -> callback.value("chatd_cluster_held_lines") == 3.0);
        assertEquals(0.0, callback.value("chatd_cluster_link_up"));
        assertEquals(3.0, callback.value("chatd_cluster_lines_held_total"));
        assertEquals(1.0, callback.value("chatd_cluster_link_losses_total"));

        redis.restart();
        alice.awaitLine("* cluster link restored");
        bob.awaitLine("alice: held 2");
        assertEquals(1.0, callback.value("chatd_cluster_link_up"));
        assertEquals(0.0, callback.value("chatd_cluster_held_lines"));
        assertEquals(3.0, callback.value("chatd_cluster_lines_held_total"));
    }

    /** A node with its admin port on, for the metrics. */
    private ChatServer node(ChatServerFactory factory, String id) {
        return bed.node(factory, ChatConfig.forTests().withNodeId(id).withAdminPort(0));
    }

    private AdminScrape scrape(ChatServer node, String server) {
        return bed.closedAfter(new AdminScrape(node, server));
    }
}
