package dev.chatd.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chatd.callback.CallbackServer;
import dev.chatd.common.config.ChatConfig;
import dev.chatd.common.server.ChatServer;
import dev.chatd.streams.StreamsServer;
import dev.chatd.testkit.FakeUser;
import dev.chatd.testkit.cluster.RedisServer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A node cut off from Redis while the others still reach it: after its heartbeat lapses the
 * others take it for dead and announce its users {@code (node lost)}; once its link is back it
 * takes them back (their names claimed again, their joins published), so nobody is left a ghost
 * that {@code /who} leaves out, {@code /msg} cannot reach and a newcomer can take the name of.
 *
 * <p>The cut is real: the node logs in to Redis as its own ACL user, which the test disables and
 * whose connections it kills, so the node's reconnects are refused while Redis serves the others.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NodeCutOffTest {

    @RegisterExtension
    final Testbed bed = new Testbed();

    @Test
    void aNodeTakenForDeadWhileCutOffTakesItsUsersBackWhenItsLinkReturns() {
        RedisServer redis = bed.redis();
        assertEquals("OK", redis.cli("ACL", "SETUSER", "cut", "on", ">secret", "~*", "&*", "+@all"));
        ChatServer one = bed.node(CallbackServer::start, "one");
        ChatServer two = bed.closedAfter(start(ChatConfig.forTests().withNodeId("two")
                .withRedis("redis://cut:secret@127.0.0.1:" + redis.port())));
        FakeUser alice = bed.user(one, "alice");
        FakeUser bob = bed.user(two, "bob");
        alice.awaitLine("* bob joined #lobby");

        for (int round = 1; round <= 2; round++) {
            cut(redis);
            bob.awaitLine("* cluster link lost, reconnecting");
            alice.awaitLine("* bob left #lobby (node lost)"); // FakeUser waits 10 s at most
            assertEquals("OK", redis.cli("ACL", "SETUSER", "cut", "on"));
            bob.awaitLine("* cluster link restored");
            // bob saw the cluster lose him, then his own return, as alice did.
            bob.awaitLine("* bob left #lobby (node lost)");
            bob.awaitLine("* bob joined #lobby");
            alice.awaitLine("* bob joined #lobby");

            alice.send("/who");
            alice.awaitLine("* users in #lobby: alice, bob");
            FakeUser impostor = bed.connect(one);
            impostor.awaitPrompt();
            impostor.send("BOB");
            impostor.awaitLine("! name taken: BOB");
            alice.send("/msg bob round " + round);
            bob.awaitLine("[pm from alice] round " + round);
            bob.send("back " + round);
            alice.awaitLine("bob: back " + round);
            // Round 2: cut off again at once, bob is announced again within 10 s, not after the
            // minute the first cleanup's mark would have kept the others from judging the node.
        }
        alice.send("/rooms");
        alice.awaitLine("* rooms: #lobby (2)");
    }

    private static ChatServer start(ChatConfig config) {
        try {
            return StreamsServer.start(config);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Refuses the node's logins and drops its connections; Redis goes on serving everyone else. */
    private static void cut(RedisServer redis) {
        assertEquals("OK", redis.cli("ACL", "SETUSER", "cut", "off"));
        redis.cli("CLIENT", "KILL", "USER", "cut");
    }
}
