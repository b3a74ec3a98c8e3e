package dev.chatd.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatd.callback.CallbackServerMain;
import dev.chatd.streams.StreamsServerMain;
import dev.chatd.testkit.FakeUser;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each server at its open-file limit, simulated safely: the server runs in a child JVM started under
 * {@code ulimit -n 256}, and this test opens connections until the server can no longer accept.
 * Then the server must still be alive and keep serving the users it has; new connections wait in
 * the kernel's backlog without being welcomed (there is no descriptor to accept them with, so not
 * even "server is full" can be sent); and once some users leave, the waiting connection is
 * accepted and welcomed.
 */
class OpenFileLimitTest {

    /** Enough for the JVM's own files (class path jars, epoll, pipes) plus some dozens of connections. */
    private static final int OPEN_FILES = 256;
    /** More connections than the limit allows, so the limit is surely reached. */
    private static final int MOST_CONNECTIONS = OPEN_FILES;

    @ParameterizedTest
    @ValueSource(classes = {CallbackServerMain.class, StreamsServerMain.class})
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void serverAtItsOpenFileLimitKeepsServingAndAcceptsAgainWhenDescriptorsFree(Class<?> main) throws Exception {
        try (ChildServer server = ChildServer.start(main, OPEN_FILES)) {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
            List<FakeUser> users = new ArrayList<>();
            FakeUser waiting = null;
            try {
                FakeUser keeper = FakeUser.connect(address, "keeper");
                users.add(keeper);
                keeper.login("keeper");
                warmUp(keeper, address);
                // Fill the server's descriptor table; the first connection not welcomed marks the limit.
                for (int i = 0; i < MOST_CONNECTIONS && waiting == null; i++) {
                    FakeUser user = FakeUser.connect(address, "c" + i);
                    if (welcomed(user)) {
                        users.add(user);
                    } else {
                        waiting = user;
                    }
                }
                assertTrue(waiting != null, "the server welcomed " + MOST_CONNECTIONS + " connections under ulimit -n "
                        + OPEN_FILES + ": the limit was never reached");
                assertTrue(server.isAlive(), "the server died at its open-file limit");

                keeper.send("still served");
                try {
                    keeper.awaitLine("keeper: still served");
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "\nserver log:\n" + server.logTail(), e);
                }

                for (FakeUser user : users.subList(users.size() - 20, users.size())) {
                    user.close();
                }
                waiting.awaitLineStartingWith("Welcome to ");
                waiting.awaitPrompt();
                waiting.send("late");
                waiting.awaitLine("* late joined #lobby");
                keeper.awaitLine("* late joined #lobby");
            } finally {
                for (FakeUser user : users) {
                    user.close();
                }
                if (waiting != null) {
                    waiting.close();
                }
            }
        }
    }

    /**
     * Runs every kind of line once before the limit is reached. From a class directory (as in a
     * test run) the JVM opens a file per class it loads, so a class first needed at the limit
     * cannot be loaded (NoClassDefFoundError); from the shaded jar, which stays open, it can.
     */
    private static void warmUp(FakeUser keeper, InetSocketAddress address) {
        for (String line : List.of("hello", "/me warms up", "/msg keeper psst", "/who", "/rooms", "/help",
                "/nick keeper2", "/nick keeper", "/join warm", "/join lobby", "/bogus", "/msg", "x".repeat(5000),
                "/json", "json hello", "/text")) {
            keeper.send(line);
        }
        keeper.send("warm");
        keeper.awaitLine("keeper: warm");
        try (FakeUser other = FakeUser.connect(address, "other")) {
            other.login("other");
            other.send("/quit");
            other.awaitLine("* bye");
        }
        FakeUser dropped = FakeUser.connect(address, "dropped");
        dropped.login("dropped");
        dropped.close();
        keeper.awaitLine("* dropped left #lobby (connection closed)");
    }

    /** Whether the welcome came within a short while; a connection the server could not accept gets nothing. */
    private static boolean welcomed(FakeUser user) {
        try {
            user.awaitLineStartingWith("Welcome to ");
            return true;
        } catch (AssertionError notWelcomed) {
            return false;
        }
    }
}
