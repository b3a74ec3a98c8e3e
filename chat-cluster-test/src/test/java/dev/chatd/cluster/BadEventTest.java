package dev.chatd.cluster;

import dev.chatd.callback.CallbackServer;
import dev.chatd.common.config.ChatConfig;
import dev.chatd.common.room.ChatHub;
import dev.chatd.streams.StreamsServer;
import dev.chatd.testkit.FakeUser;
import dev.chatd.testkit.cluster.ClusterFixture;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An event a node cannot apply (here one whose sequence number is no number, as a bug elsewhere
 * or a stray writer could leave in a room's stream) costs that event only: the node's stream
 * reader, the one thread that hears every room, says so and reads on. Before, the exception ended
 * the thread and every room of the node went silent.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BadEventTest {

    @RegisterExtension
    final Testbed bed = new Testbed();

    @Test
    void aNodeReadsOnPastAnEventItCannotApply() throws IOException {
        ClusterFixture cluster = bed.closedAfter((ClusterFixture) ClusterFixture.of(CallbackServer::start, StreamsServer::start)
                .start(ChatConfig.forTests()));
        FakeUser alice = bed.user(cluster.nodes().get(0), "alice");
        FakeUser bob = bed.user(cluster.nodes().get(1), "bob");
        alice.awaitLine("* bob joined #lobby");

        cluster.redis().cli("XADD", Keys.log(ChatHub.LOBBY), "*", "s", "not-a-number", "k", "m", "f", "mallory", "t", "x");
        bob.send("after the bad one");

        alice.awaitLine("bob: after the bad one");
        bob.awaitLine("bob: after the bad one");
    }
}
