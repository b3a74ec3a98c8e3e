package dev.chatd.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chatd.callback.CallbackServer;
import dev.chatd.common.config.ChatConfig;
import dev.chatd.common.server.ChatServer;
import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.streams.StreamsServer;
import dev.chatd.testkit.FakeUser;
import dev.chatd.testkit.JsonLines;
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
 * Cluster (v1.1) when Redis goes away: the nodes keep their connections and say so, refuse new
 * names, hold room lines and publish them on return, then say the link is restored and deliver
 * what was missed with no seq gap; with AOF nothing is lost. And a Redis that answers slowly
 * delays lines but loses none.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RedisOutageTest {

    private final List<ChatServer> nodes = new ArrayList<>();
    private final List<FakeUser> users = new ArrayList<>();
    private RedisServer redis;

    @Test
    void redisStoppedAndRestartedWithAofLosesNothing() {
        redis = RedisServer.start(true);
        ChatServer one = node(CallbackServer::start, "one");
        ChatServer two = node(StreamsServer::start, "two");
        FakeUser alice = user(one, "alice");
        FakeUser bob = user(two, "bob");
        bob.send("/json");
        bob.awaitLine("{\"type\":\"info\",\"text\":\"output is now json\"}");
        alice.send("before");
        long before = JsonLines.parse(bob.awaitLine(l -> l.contains("\"text\":\"before\""), "before")).get("seq").asLong();

        redis.stop();
        alice.awaitLine("* cluster link lost, reconnecting");
        bob.awaitLine(l -> l.contains("cluster link lost, reconnecting"), "the link lost notice");
        FakeUser late = connect(one);
        late.awaitPrompt();
        late.send("carol");
        late.awaitLine("! cluster unavailable, try again later");
        for (int i = 0; i < 3; i++) alice.send("held " + i);

        redis.restart();
        alice.awaitLine("* cluster link restored");
        bob.awaitLine(l -> l.contains("cluster link restored"), "the link restored notice");
        for (int i = 0; i < 3; i++) {
            long seq = JsonLines.parse(bob.awaitLine(l -> JsonLines.isType(l, "message"), "a held line")).get("seq").asLong();
            assertEquals(before + 1 + i, seq, "seq after the outage: " + bob.text());
        }
        for (int i = 0; i < 3; i++) alice.awaitLine("alice: held " + i);
        // Persistence: the names and the room survived the restart.
        FakeUser impostor = connect(two);
        impostor.awaitPrompt();
        impostor.send("alice");
        impostor.awaitLine("! name taken: alice");
        alice.send("/who");
        alice.awaitLine("* users in #lobby: alice, bob");
    }

    @Test
    void aSlowRedisDelaysLinesButLosesNoneAndKeepsTheirOrder() {
        redis = RedisServer.start();
        ChatServer one = node(CallbackServer::start, "one");
        ChatServer two = node(StreamsServer::start, "two");
        FakeUser alice = user(one, "alice");
        FakeUser bob = user(two, "bob");
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

    private ChatServer node(ChatServerFactory factory, String id) {
        try {
            ChatServer node = factory.start(ChatConfig.forTests().withRedis(redis.uri()).withNodeId(id));
            nodes.add(node);
            return node;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private FakeUser connect(ChatServer node) {
        FakeUser user = FakeUser.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), node.port()),
                "user-" + users.size());
        users.add(user);
        return user;
    }

    private FakeUser user(ChatServer node, String name) {
        FakeUser user = connect(node);
        user.login(name);
        return user;
    }

    @AfterEach
    void close() {
        users.forEach(FakeUser::close);
        nodes.forEach(ChatServer::close);
        if (redis != null) redis.close();
    }
}
