package dev.chatd.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatd.callback.CallbackServer;
import dev.chatd.common.config.ChatConfig;
import dev.chatd.common.server.ChatServer;
import dev.chatd.streams.StreamsServer;
import dev.chatd.testkit.FakeUser;
import dev.chatd.testkit.JsonLines;
import dev.chatd.testkit.cluster.ClusterFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.node.ObjectNode;

/**
 * Cluster fault: a node started while the others are busy. Users on two nodes send lines into
 * #lobby in bursts; meanwhile a third node starts and a user logs in on it. Nobody loses a line:
 * the first users see every event under consecutive seq numbers, and the newcomer sees, from its
 * own join on, exactly the events everyone else saw after that join, gap-free; a line the newcomer
 * sends reaches all.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class NodeJoinTest {

    private static final int SENDERS_PER_NODE = 2;
    private static final int BURSTS_AFTER_JOIN = 3;
    private static final int MAX_BURSTS = 200;
    private static final int LINES_PER_BURST = 50;

    @RegisterExtension
    final Testbed bed = new Testbed();
    private final List<FakeUser> users = new ArrayList<>(); // the senders
    private ClusterFixture cluster;

    @Test
    void aNodeStartedUnderLoadLosesNothingAndItsUsersSeeNoSeqGap() throws Exception {
        cluster = bed.closedAfter((ClusterFixture) ClusterFixture.of(CallbackServer::start, StreamsServer::start)
                .start(ChatConfig.forTests()));
        List<ChatServer> nodes = cluster.nodes();
        for (int i = 0; i < SENDERS_PER_NODE * nodes.size(); i++) users.add(jsonUser(nodes.get(i % nodes.size()), "u" + i));
        // Each user's own join came before its /json: the others' joins of the last user are in JSON.
        String lastName = "u" + (users.size() - 1);
        for (FakeUser user : users.subList(0, users.size() - 1)) {
            user.awaitLine(l -> JsonLines.isType(l, "join") && l.contains("\"user\":\"" + lastName + "\""), "the last join");
        }

        // Each sender sends bursts until a few after the newcomer has joined (at most MAX_BURSTS),
        // so the load lasts while the third node starts, however fast the machine.
        AtomicBoolean joined = new AtomicBoolean();
        int[] bursts = new int[users.size()];
        List<Thread> senders = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            FakeUser user = users.get(i);
            int index = i;
            Thread t = new Thread(() -> {
                int b = 0;
                int afterJoin = 0;
                while (b < MAX_BURSTS && (!joined.get() || afterJoin++ < BURSTS_AFTER_JOIN)) {
                    StringBuilder burst = new StringBuilder();
                    for (int n = 0; n < LINES_PER_BURST; n++) {
                        burst.append(user.label()).append(' ').append(b * LINES_PER_BURST + n).append("\r\n");
                    }
                    user.sendWithoutLineEnd(burst.toString());
                    // The next burst once this one has come back.
                    String last = "\"text\":\"" + user.label() + " " + ((b + 1) * LINES_PER_BURST - 1) + "\"";
                    user.awaitLine(l -> l.contains(last), "the end of a burst");
                    b++;
                }
                bursts[index] = b;
            });
            senders.add(t);
            t.start();
        }
        // Under load: the first bursts are flowing. (The senders' threads read their users with
        // awaitLine meanwhile, so this thread only looks at what has come, never moving a cursor.)
        awaitReceived(users.get(0), l -> l.contains("\"text\":\"u1 10\""), "u1's lines flowing");
        ChatServer third = bed.closedAfter(
                CallbackServer.start(ChatConfig.forTests().withRedis(cluster.redis().uri()).withNodeId("node3")));
        FakeUser late = jsonUser(third, "late");
        long joinSeq = JsonLines.parse(awaitReceived(users.get(0),
                l -> JsonLines.isType(l, "join") && l.contains("\"user\":\"late\""), "the newcomer's join")).get("seq").asLong();
        joined.set(true);
        for (Thread t : senders) t.join();
        for (int b : bursts) assertTrue(b < MAX_BURSTS, "the senders ran out of bursts before the newcomer joined");
        late.send("hello from node3");
        for (FakeUser user : users) user.awaitLine(l -> l.contains("\"text\":\"hello from node3\""), "the newcomer's line");
        late.awaitLine(l -> l.contains("\"text\":\"hello from node3\""), "its own line");

        int total = java.util.Arrays.stream(bursts).sum() * LINES_PER_BURST + 1;
        // The first users joined one after the other, so each saw from its own /json on: compare
        // from the first line sent, which everyone saw in JSON.
        List<Event> reference = null;
        for (FakeUser user : users) {
            List<Event> events = gapFreeEvents(user, total);
            int first = events.indexOf(events.stream().filter(e -> e.what().startsWith("message ")).findFirst().orElseThrow());
            events = events.subList(first, events.size());
            if (reference == null) reference = events;
            else assertSame(reference, events, user.label() + " (against u0)");
        }
        // The newcomer: from its own join on (text until its /json, JSON after), the very events
        // the others saw, in their order, and consecutive seq numbers once it reads JSON.
        List<String> expected = new ArrayList<>();
        for (Event e : reference) if (e.seq() >= joinSeq) expected.add(e.what());
        List<Event> seen = events(late);
        assertSame(expected, seen.stream().map(Event::what).toList(), "the newcomer, from its join (seq " + joinSeq + ") on");
        long previous = -1;
        for (Event e : seen) {
            if (e.seq() < 0) continue;
            if (previous >= 0) assertEquals(previous + 1, e.seq(), "the newcomer: seq gap at " + e);
            previous = e.seq();
        }
    }

    /** The first line {@code user} has received that passes {@code test}, waiting for it; no cursor moves. */
    private static String awaitReceived(FakeUser user, java.util.function.Predicate<String> test, String what) {
        Awaitility.await(user.label() + ": " + what).atMost(FakeUser.TIMEOUT)
                .until(() -> user.lines().stream().anyMatch(test));
        return user.lines().stream().filter(test).findFirst().orElseThrow();
    }

    /** Equal lists, or a failure naming the first difference (the lists hold 2,000 events). */
    private static <T> void assertSame(List<T> expected, List<T> actual, String who) {
        int n = Math.min(expected.size(), actual.size());
        for (int i = 0; i < n; i++) {
            assertEquals(expected.get(i), actual.get(i), who + ": event " + i + " differs");
        }
        assertEquals(expected.size(), actual.size(), who + ": events seen");
    }

    /** A room event as a user got it: its seq (-1 in text, which shows none) and what it was. */
    private record Event(long seq, String what) {
    }

    /** The user's room events, waiting for {@code messages} message lines, checked consecutive. */
    private static List<Event> gapFreeEvents(FakeUser user, int messages) {
        Awaitility.await(user.label() + "'s " + messages + " messages").atMost(FakeUser.TIMEOUT)
                .until(() -> user.lines().stream().filter(l -> JsonLines.isType(l, "message")).count() >= messages);
        List<Event> events = events(user).stream().filter(e -> e.seq() >= 0).toList();
        for (int i = 1; i < events.size(); i++) {
            assertEquals(events.get(i - 1).seq() + 1, events.get(i).seq(), user.label() + ": seq gap at " + events.get(i));
        }
        return events;
    }

    /** Every join and message the user got, in text or JSON, in order. */
    private static List<Event> events(FakeUser user) {
        List<Event> events = new ArrayList<>();
        for (String line : user.lines()) {
            if (line.startsWith("{")) {
                ObjectNode json = JsonLines.parse(line);
                String type = json.path("type").asText();
                if (type.equals("message")) events.add(new Event(json.get("seq").asLong(), "message " + json.get("text").asText()));
                else if (type.equals("join")) events.add(new Event(json.get("seq").asLong(), "join " + json.get("user").asText()));
            } else if (line.startsWith("* ") && line.endsWith(" joined #lobby")) {
                events.add(new Event(-1, "join " + line.substring(2, line.length() - " joined #lobby".length())));
            } else if (!line.startsWith("* ") && !line.startsWith("! ") && line.contains(": ")) {
                events.add(new Event(-1, "message " + line.substring(line.indexOf(": ") + 2)));
            }
        }
        return events;
    }

    private FakeUser jsonUser(ChatServer node, String name) {
        FakeUser user = bed.user(node, name);
        user.send("/json");
        user.awaitLine("{\"type\":\"info\",\"text\":\"output is now json\"}");
        return user;
    }
}
