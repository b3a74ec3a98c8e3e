package dev.chatd.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.chatd.callback.CallbackServer;
import dev.chatd.common.server.ChatServer;
import dev.chatd.streams.StreamsServer;
import dev.chatd.testkit.FakeUser;
import dev.chatd.testkit.JsonLines;
import dev.chatd.testkit.cluster.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Cluster (v1.1) when Redis goes away: the nodes keep their connections and say so, refuse new
 * names, hold room lines and publish them on return, then say the link is restored and deliver
 * what was missed with no seq gap; with AOF nothing is lost. And a Redis that answers slowly
 * delays lines but loses none.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RedisOutageTest {

    @RegisterExtension
    final Testbed bed = new Testbed();
    private RedisServer redis;
    private ChatServer one;
    private ChatServer two;

    @Test
    void redisStoppedAndRestartedWithAofLosesNothing() {
        redis = bed.redis(true);
        startNodes();
        FakeUser alice = bed.user(one, "alice");
        FakeUser bob = bed.user(two, "bob");
        bob.send("/json");
        bob.awaitLine("{\"type\":\"info\",\"text\":\"output is now json\"}");
        alice.send("before");
        long before = JsonLines.parse(bob.awaitLine(l -> l.contains("\"text\":\"before\""), "before")).get("seq").asLong();

        redis.stop();
        alice.awaitLine("* cluster link lost, reconnecting");
        bob.awaitLine(l -> l.contains("cluster link lost, reconnecting"), "the link lost notice");
        FakeUser late = bed.connect(one);
        late.awaitPrompt();
        late.send("carol");
        late.awaitLine("! cluster unavailable, try again later");
        // The rooms index is Redis's: asked while it is away, the answer says so (it used to be none).
        alice.send("/rooms");
        alice.awaitLine("! cluster unavailable, try again later");
        for (int i = 0; i < 3; i++) alice.send("held " + i);

        redis.restart();
        alice.awaitLine("* cluster link restored");
        bob.awaitLine(l -> l.contains("cluster link restored"), "the link restored notice");
        for (int i = 0; i < 3; i++) {
            long seq = JsonLines.parse(bob.awaitLine(l -> JsonLines.isType(l, "message"), "a held line")).get("seq").asLong();
            assertEquals(before + 1 + i, seq, "seq after the outage: " + bob.text());
        }
        for (int i = 0; i < 3; i++) alice.awaitLine("alice: held " + i);
        // The scripts were loaded again before the held lines ran: none fell back to EVAL, whose
        // late retries let later lines overtake earlier ones (CI once saw 5-17 of 1,000 come last).
        assertFalse(redis.cli("INFO", "commandstats").contains("cmdstat_eval:"), redis.cli("INFO", "commandstats"));
        // Persistence: the names and the room survived the restart.
        FakeUser impostor = bed.connect(two);
        impostor.awaitPrompt();
        impostor.send("alice");
        impostor.awaitLine("! name taken: alice");
        alice.send("/who");
        alice.awaitLine("* users in #lobby: alice, bob");
    }

    @Test
    void redisRestartedEmptyIsRefilledAndEachRoomStartsOverAtSeqOne() {
        redis = bed.redis(); // no persistence: a restart loses everything
        startNodes();
        FakeUser alice = bed.user(one, "alice");
        FakeUser bob = bed.user(two, "bob");
        FakeUser carol = bed.user(two, "carol");
        carol.send("/join dev");
        carol.awaitLine("* users in #dev: carol");
        alice.send("/join dev");
        alice.awaitLine("* users in #dev: alice, carol");
        bob.send("/json");
        bob.awaitLine("{\"type\":\"info\",\"text\":\"output is now json\"}");
        carol.send("before");
        alice.awaitLine("carol: before");

        redis.stop();
        alice.awaitLine("* cluster link lost, reconnecting");
        carol.awaitLine("* cluster link lost, reconnecting");
        for (int i = 0; i < 3; i++) alice.send("held " + i);
        redis.restartEmpty();

        alice.awaitLine("* cluster link restored");
        carol.awaitLine("* cluster link restored");
        bob.awaitLine(l -> l.contains("history of #lobby was reset"), "the lobby's reset notice");
        // The held lines are the first events of the new #dev, after the notice, from seq 1.
        for (FakeUser member : List.of(alice, carol)) {
            member.awaitLine("alice: held 2");
            List<String> lines = member.lines();
            int notice = lines.indexOf("* history of #dev was reset");
            int first = lines.indexOf("alice: held 0");
            assertEquals(true, notice >= 0 && notice < first, "notice first: " + member.text());
            assertEquals(List.of("alice: held 0", "alice: held 1", "alice: held 2"),
                    lines.subList(first, first + 3), member.text());
        }
        carol.send("/json");
        carol.awaitLine(l -> l.contains("output is now json"), "json mode");
        carol.send("/history");
        String history = carol.awaitLine(l -> JsonLines.isType(l, "history"), "the history");
        List<Long> seqs = new ArrayList<>();
        JsonLines.parse(history).get("events").forEach(e -> seqs.add(e.get("seq").asLong()));
        assertEquals(List.of(1L, 2L, 3L), seqs, "only the new data set's events, from seq 1: " + history);

        // The users and rooms are registered again: names still unique, /who and /rooms cover both nodes.
        FakeUser impostor = bed.connect(one);
        impostor.awaitPrompt();
        impostor.send("bob");
        impostor.awaitLine("! name taken: bob");
        impostor.send("carol");
        impostor.awaitLine("! name taken: carol");
        impostor.send("dave");
        impostor.awaitLine("* users in #lobby: bob, dave");
        long joined = JsonLines.parse(bob.awaitLine(l -> l.contains("\"type\":\"join\"") && l.contains("dave"),
                "dave's join")).get("seq").asLong();
        assertEquals(1, joined, "the new #lobby's first event: " + bob.text());
        alice.send("/rooms");
        alice.awaitLine("* rooms: #dev (2), #lobby (2)");
        alice.send("/who");
        alice.awaitLine("* users in #dev: alice, carol");
        assertEquals("3", redis.cli("GET", "chatd:{r:dev}:seq"), "#dev's seq in the new data set");
    }

    @Test
    void redisEmptiedWhileUpIsFoundByTheHeartbeatAndRefilled() {
        redis = bed.redis();
        startNodes();
        FakeUser alice = bed.user(one, "alice");
        FakeUser bob = bed.user(two, "bob");
        alice.awaitLine("* bob joined #lobby");

        redis.cli("FLUSHALL");
        alice.awaitLine("* history of #lobby was reset");
        bob.awaitLine("* history of #lobby was reset");
        bob.send("/json");
        bob.awaitLine(l -> l.contains("output is now json"), "json mode");
        alice.send("after");
        long seq = JsonLines.parse(bob.awaitLine(l -> l.contains("\"text\":\"after\""), "after")).get("seq").asLong();
        assertEquals(1, seq, bob.text());
        FakeUser impostor = bed.connect(one);
        impostor.awaitPrompt();
        impostor.send("bob");
        impostor.awaitLine("! name taken: bob");
    }

    @Test
    void aSlowRedisDelaysLinesButLosesNoneAndKeepsTheirOrder() {
        redis = bed.redis();
        startNodes();
        FakeUser alice = bed.user(one, "alice");
        FakeUser bob = bed.user(two, "bob");
        alice.awaitLine("* bob joined #lobby");

        redis.pause(Duration.ofMillis(1500));
        StringBuilder burst = new StringBuilder();
        for (int i = 0; i < 100; i++) burst.append("slow ").append(i).append("\r\n");
        alice.sendWithoutLineEnd(burst.toString());
        for (int i = 0; i < 100; i++) bob.awaitLine("alice: slow " + i);
        for (int i = 0; i < 100; i++) alice.awaitLine("alice: slow " + i);
        alice.send("/who");
        alice.awaitLine("* users in #lobby: alice, bob");
        assertEquals(0, bob.lines().stream().filter(l -> l.contains("link lost")).count(), bob.text());
    }

    /** Node one (callback) and node two (streams) on this test's Redis. */
    private void startNodes() {
        one = bed.node(CallbackServer::start, "one");
        two = bed.node(StreamsServer::start, "two");
    }
}
