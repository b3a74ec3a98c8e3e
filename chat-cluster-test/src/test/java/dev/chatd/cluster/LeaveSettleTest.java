package dev.chatd.cluster;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.chatd.callback.CallbackServer;
import dev.chatd.common.command.CommandParser;
import dev.chatd.common.config.ChatConfig;
import dev.chatd.common.server.ChatServer;
import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.streams.StreamsServer;
import dev.chatd.testkit.FakeUser;
import dev.chatd.testkit.cluster.RedisServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A user who leaves their room (a {@code /join}, {@code /quit}, the end of their input) while a line
 * of theirs is still on its way back through Redis waits for it, so they see it in the room they
 * leave; and that wait holds up nobody else, not even a user served by the same (single) thread.
 * It used to block that thread until the line came back.
 *
 * <p>Deterministic: Redis's writes are paused ({@code CLIENT PAUSE WRITE}, undone once the other
 * user has been answered), so the line cannot come back before that; both lines arrive in one write, so the
 * leave is read in the same turn as the line, before the other user's command.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LeaveSettleTest {

    @RegisterExtension
    final Testbed bed = new Testbed();
    private RedisServer redis;

    static Stream<Arguments> servers() {
        return Stream.of(Arguments.of("callback", (ChatServerFactory) CallbackServer::start),
                Arguments.of("streams", (ChatServerFactory) StreamsServer::start));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void aJoinWaitsForTheUsersOwnLineAndHoldsUpNobody(String server, ChatServerFactory factory) {
        ChatServer node = start(factory);
        FakeUser alice = bed.user(node, "alice");
        FakeUser bob = bed.user(node, "bob");
        alice.awaitLine("* bob joined #lobby");
        long before = node.hub().metrics().linesReceived();

        redis.cli("CLIENT", "PAUSE", "20000", "WRITE"); // undone below, once bob has his answer
        alice.sendRaw("on its way\r\n/join dev\r\n".getBytes(StandardCharsets.UTF_8));
        Awaitility.await("alice's line handled").atMost(FakeUser.TIMEOUT).pollInterval(Duration.ofMillis(5))
                .until(() -> node.hub().metrics().linesReceived() > before);
        bob.send("/help");
        bob.awaitLine("* " + CommandParser.HELP_LINES.get(CommandParser.HELP_LINES.size() - 1));
        assertFalse(alice.lines().contains("alice: on its way"), "bob's answer waited for alice's line to come back from Redis: " + alice.text());
        redis.cli("CLIENT", "UNPAUSE");

        alice.awaitLine("alice: on its way"); // in #lobby, before she leaves it
        alice.awaitLine("* alice joined #dev");
        alice.awaitLine("* users in #dev: alice");
        bob.awaitLine("alice: on its way");
        bob.awaitLine("* alice left #lobby");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void aQuitAndAnEndOfInputWaitForTheUsersOwnLine(String server, ChatServerFactory factory) {
        ChatServer node = start(factory);
        FakeUser alice = bed.user(node, "alice");
        FakeUser carol = bed.user(node, "carol");
        FakeUser bob = bed.user(node, "bob");
        carol.awaitLine("* bob joined #lobby");
        alice.awaitLine("* bob joined #lobby");
        long before = node.hub().metrics().linesReceived();

        redis.cli("CLIENT", "PAUSE", "20000", "WRITE"); // undone below, once bob has his answer
        alice.sendRaw("alice's last\r\n/quit\r\n".getBytes(StandardCharsets.UTF_8));
        carol.send("carol's last");
        carol.shutdownOutput();
        Awaitility.await("both lines handled").atMost(FakeUser.TIMEOUT).pollInterval(Duration.ofMillis(5))
                .until(() -> node.hub().metrics().linesReceived() >= before + 2);
        bob.send("/help");
        bob.awaitLine("* " + CommandParser.HELP_LINES.get(CommandParser.HELP_LINES.size() - 1));
        assertFalse(alice.lines().contains("alice: alice's last"), "bob's answer waited for the lines to come back from Redis: " + alice.text());
        redis.cli("CLIENT", "UNPAUSE");

        alice.awaitLine("alice: alice's last");
        alice.awaitLine("* bye");
        alice.awaitClosed();
        carol.awaitLine("carol: carol's last");
        carol.awaitClosed();
        bob.awaitReceived("* alice left #lobby");
        bob.awaitReceived("* carol left #lobby (connection closed)");
    }

    private ChatServer start(ChatServerFactory factory) {
        redis = bed.redis();
        // One I/O thread: alice and bob are served by the same one.
        return bed.node(factory, ChatConfig.forTests().withNodeId("one").withWorkerThreads(1));
    }
}
