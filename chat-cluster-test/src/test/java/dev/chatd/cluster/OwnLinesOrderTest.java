package dev.chatd.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatd.callback.CallbackServer;
import dev.chatd.common.config.ChatConfig;
import dev.chatd.streams.StreamsServer;
import dev.chatd.testkit.FakeUser;
import dev.chatd.testkit.cluster.ClusterFixture;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cause of what the cluster soak found (users' own room lines never coming back to them): a
 * {@code /msg}'s answer (at once for a recipient on the same node, or the private script's reply)
 * comes back before the user's earlier room lines have come back through the room's stream. It
 * must not count as the arrival of those lines: else the user's output (the {@code /msg} echo,
 * {@code /who}) overtakes them, and a {@code /join} or {@code /quit} right after stops waiting
 * for them and takes the user out of the room before they come back, so the user never sees them.
 *
 * <p>Deterministic: Redis's writes are paused ({@code CLIENT PAUSE WRITE}) while the user types, so
 * the room line cannot have come back before the {@code /msg} and the {@code /join} are handled.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OwnLinesOrderTest {

    @RegisterExtension
    final Testbed bed = new Testbed();
    private ClusterFixture cluster;
    private FakeUser alice;
    private FakeUser bob;

    @Test
    void aMsgToOneselfDoesNotLetTheUserLeaveBeforeTheirOwnEarlierLineComesBack() throws Exception {
        start();
        cluster.redis().cli("CLIENT", "PAUSE", "1000", "WRITE");
        // One write: the line, a /msg answered on this node at once, then a move.
        alice.sendWithoutLineEnd("hello from alice\r\n/msg alice note to self\r\n/join elsewhere\r\n");

        bob.awaitLine(l -> l.contains("alice: hello from alice"), "alice's line, seen by bob on the other node");
        alice.awaitLine(l -> l.contains("alice left #r1") || l.contains("alice joined #elsewhere"), "alice's move");
        List<String> seen = alice.lines();
        int line = indexOf(seen, l -> l.contains("alice: hello from alice"));
        int echo = indexOf(seen, l -> l.equals("[pm to alice] note to self"));
        int moved = indexOf(seen, l -> l.contains("joined #elsewhere"));
        assertTrue(line >= 0, "alice never got her own line back: " + seen);
        assertTrue(echo > line, "alice's /msg echo overtook her own earlier line: " + seen);
        assertTrue(moved > echo, "alice's join of #elsewhere came before her /msg echo: " + seen);
    }

    @Test
    void aMsgToAUserOnTheOtherNodeDoesNotLetTheUserQuitBeforeTheirOwnEarlierLinesComeBack() throws Exception {
        start();
        cluster.redis().cli("CLIENT", "PAUSE", "1000", "WRITE");
        alice.sendWithoutLineEnd("one\r\ntwo\r\n/msg bob hi bob\r\n/quit\r\n");

        bob.awaitLine(l -> l.equals("[pm from alice] hi bob"), "alice's /msg");
        alice.awaitLine("* bye");
        List<String> seen = alice.lines();
        int one = indexOf(seen, l -> l.contains("alice: one"));
        int two = indexOf(seen, l -> l.contains("alice: two"));
        int echo = indexOf(seen, l -> l.equals("[pm to bob] hi bob"));
        int bye = indexOf(seen, l -> l.equals("* bye"));
        assertTrue(one >= 0 && two > one, "alice did not get her own lines back, in order: " + seen);
        assertTrue(echo > two, "alice's /msg echo overtook her own earlier lines: " + seen);
        assertTrue(bye > echo, "alice's bye came before her /msg echo: " + seen);
    }

    private void start() throws java.io.IOException {
        cluster = bed.closedAfter((ClusterFixture) ClusterFixture.of(CallbackServer::start, StreamsServer::start)
                .start(ChatConfig.forTests()));
        alice = bed.user(cluster.nodes().get(0), "alice");
        bob = bed.user(cluster.nodes().get(1), "bob");
        alice.send("/join r1");
        alice.awaitLine(l -> l.startsWith("* users in #r1: "), "alice's users line in #r1");
        bob.send("/join r1");
        bob.awaitLine(l -> l.startsWith("* users in #r1: "), "bob's users line in #r1");
        alice.awaitLine("* bob joined #r1");
    }

    private static int indexOf(List<String> lines, Predicate<String> test) {
        for (int i = 0; i < lines.size(); i++) if (test.test(lines.get(i))) return i;
        return -1;
    }
}
