package dev.chatd.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.node.ObjectNode;

/**
 * Cluster (v1.1): one order and one gap-free {@code seq} per room across nodes, under concurrency.
 * Users on both nodes blast lines into one room at once; every member, on either node, must see
 * the very same events under the very same seq numbers, consecutive, and each sender's own lines
 * in the order it sent them.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ClusterOrderTest {

    private static final int USERS_PER_NODE = 3;
    private static final int LINES_EACH = 300;

    @RegisterExtension
    final Testbed bed = new Testbed();
    private final List<FakeUser> users = new ArrayList<>();
    private ClusterFixture cluster;

    @Test
    void bothNodesBlastingIntoOneRoomGiveEveryMemberTheSameGapFreeSequence() throws Exception {
        cluster = bed.closedAfter((ClusterFixture) ClusterFixture.of(CallbackServer::start, StreamsServer::start)
                .start(ChatConfig.forTests()));
        List<ChatServer> nodes = cluster.nodes();
        for (int i = 0; i < USERS_PER_NODE * nodes.size(); i++) {
            ChatServer node = nodes.get(i % nodes.size());
            FakeUser user = bed.user(node, "u" + i);
            users.add(user);
            user.send("/json");
            user.awaitLine("{\"type\":\"info\",\"text\":\"output is now json\"}");
        }
        String last = "u" + (users.size() - 1);
        for (FakeUser user : users.subList(0, users.size() - 1)) {
            user.awaitLine(l -> JsonLines.isType(l, "join") && l.contains("\"user\":\"" + last + "\""), "the last join");
        }

        List<Thread> senders = new ArrayList<>();
        for (FakeUser user : users) {
            Thread t = new Thread(() -> {
                StringBuilder burst = new StringBuilder();
                for (int n = 0; n < LINES_EACH; n++) burst.append(user.label()).append(' ').append(n).append("\r\n");
                user.sendWithoutLineEnd(burst.toString());
            });
            senders.add(t);
            t.start();
        }
        for (Thread t : senders) t.join();
        String lastOfAll = "\"text\":\"" + last + " " + (LINES_EACH - 1) + "\"";
        for (FakeUser user : users) {
            user.awaitLine(l -> l.contains(lastOfAll), "the last line of the last sender");
        }
        // Every line of every sender has arrived somewhere before the last one is awaited by all.
        int total = LINES_EACH * users.size();
        List<String> reference = null;
        for (FakeUser user : users) {
            List<String> events = new ArrayList<>();
            long firstSeq = -1;
            long expectedSeq = -1;
            int[] nextOwn = new int[users.size()];
            for (String line : messagesOf(user, total)) {
                ObjectNode json = JsonLines.parse(line);
                long seq = json.get("seq").asLong();
                if (firstSeq < 0) {
                    firstSeq = seq;
                    expectedSeq = seq;
                }
                assertEquals(expectedSeq++, seq, user.label() + ": seq gap or repeat at " + line);
                String[] text = json.get("text").asText().split(" ");
                int sender = Integer.parseInt(text[0].substring(1));
                assertEquals(nextOwn[sender]++, Integer.parseInt(text[1]), user.label() + ": order of u" + sender);
                events.add(seq + " " + json.get("text").asText());
            }
            if (reference == null) reference = events;
            else assertEquals(reference, events, user.label() + " saw another sequence than " + users.get(0).label());
        }
        assertEquals(total, reference.size());
    }

    /** The user's message lines, waiting until there are {@code count}. */
    private static List<String> messagesOf(FakeUser user, int count) {
        org.awaitility.Awaitility.await(user.label() + "'s " + count + " messages").atMost(FakeUser.TIMEOUT)
                .until(() -> user.lines().stream().filter(l -> JsonLines.isType(l, "message")).count() >= count);
        return user.lines().stream().filter(l -> JsonLines.isType(l, "message")).toList();
    }
}
