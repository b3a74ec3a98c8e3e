package dev.chatd.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatd.callback.CallbackServer;
import dev.chatd.common.server.ChatServer;
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
 * Joins and leaves while a node's link to Redis is down, or lost under them (docs/cluster.md,
 * Faults): they are held with the lines and go out, in order, once the link is back, so a user is
 * never left pending in a room whose join never came, nor a member somewhere they left, and a name
 * is freed. Redis runs with AOF, so a restart keeps the data set.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class MembershipOutageTest {

    @RegisterExtension
    final Testbed bed = new Testbed();
    private RedisServer redis;
    private ChatServer one;
    private ChatServer two;

    @Test
    void aJoinWhileTheLinkIsDownGoesOutWhenItIsBack() {
        start();
        FakeUser alice = bed.user(one, "alice");
        FakeUser bob = bed.user(two, "bob");
        alice.awaitLine("* bob joined #lobby");

        redis.stop();
        alice.awaitLine("* cluster link lost, reconnecting");
        alice.send("/join dev");
        alice.send("first in dev");
        redis.restart();

        alice.awaitLine("* cluster link restored");
        alice.awaitLine("* alice joined #dev");
        alice.awaitLine("* users in #dev: alice");
        alice.awaitLine("alice: first in dev");
        bob.awaitLine("* alice left #lobby");
        bob.send("/who");
        bob.awaitLine("* users in #lobby: bob");
        bob.send("/join dev");
        bob.awaitLine("* users in #dev: alice, bob");
    }

    @Test
    void aJoinWhoseScriptTheLinkLostIsSentAgainWhenItIsBack() {
        start();
        FakeUser alice = bed.user(two, "alice");
        FakeUser bob = bed.user(one, "bob");
        alice.awaitLine("* bob joined #lobby");
        long before = two.hub().metrics().linesReceived();

        redis.cli("CLIENT", "PAUSE", "20000", "WRITE"); // the join waits in Redis, unrun
        alice.send("/join dev");
        Awaitility.await("alice's /join handled").atMost(FakeUser.TIMEOUT).pollInterval(Duration.ofMillis(5))
                .until(() -> two.hub().metrics().linesReceived() > before);
        redis.kill(); // and is gone with it
        alice.awaitLine("* cluster link lost, reconnecting");
        redis.restart();

        alice.awaitLine("* cluster link restored");
        alice.awaitLine("* alice joined #dev");
        alice.awaitLine("* users in #dev: alice");
        alice.send("/who");
        alice.awaitLine("* users in #dev: alice");
        bob.send("/join dev");
        bob.awaitLine("* users in #dev: alice, bob");
        alice.awaitLine("* bob joined #dev");
    }

    @Test
    void aUserWhoQuitsWhileTheLinkIsDownLeavesAndFreesTheirNameWhenItIsBack() {
        start();
        FakeUser alice = bed.user(one, "alice");
        FakeUser bob = bed.user(two, "bob");
        alice.awaitLine("* bob joined #lobby");

        redis.stop();
        alice.awaitLine("* cluster link lost, reconnecting");
        alice.send("/quit");
        alice.awaitClosed();
        redis.restart();

        bob.awaitLine("* cluster link restored");
        bob.awaitLine("* alice left #lobby");
        bob.send("/who");
        bob.awaitLine("* users in #lobby: bob");
        FakeUser again = bed.connect(two);
        again.login("alice");
    }

    /**
     * A user who quits with lines of theirs held is told {@code * bye} at once, on either server:
     * the echoes of those lines will never reach them, so nothing waits for them. The lines and
     * the leave still go out, in that order, once the link is back.
     */
    @Test
    void aUserWhoQuitsWithLinesHeldIsToldByeAtOnce() {
        start();
        FakeUser alice = bed.user(one, "alice");
        FakeUser carol = bed.user(two, "carol");
        FakeUser bob = bed.user(two, "bob");
        alice.awaitLine("* bob joined #lobby");
        carol.awaitLine("* bob joined #lobby");

        redis.stop();
        alice.awaitLine("* cluster link lost, reconnecting");
        carol.awaitLine("* cluster link lost, reconnecting");
        alice.send("held from alice");
        alice.send("/quit");
        alice.awaitLine("* bye");
        alice.awaitClosed();
        carol.send("held from carol");
        carol.send("/quit");
        carol.awaitLine("* bye");
        carol.awaitClosed();
        redis.restart();

        bob.awaitLine("* cluster link restored");
        bob.awaitReceived("* alice left #lobby");
        bob.awaitReceived("* carol left #lobby");
        // The two nodes' held events go out side by side; each node's keep their order.
        List<String> seen = bob.lines();
        for (String who : List.of("alice", "carol")) {
            int line = seen.indexOf(who + ": held from " + who);
            assertTrue(line >= 0 && line < seen.indexOf("* " + who + " left #lobby"), who + "'s line, then their leave: " + seen);
        }
    }

    /** Redis with AOF; node one (callback) and node two (streams) on it. */
    private void start() {
        redis = bed.redis(true);
        one = bed.node(CallbackServer::start, "one");
        two = bed.node(StreamsServer::start, "two");
    }
}
