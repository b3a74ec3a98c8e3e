package dev.chatd.testkit;

import dev.chatd.common.config.ChatConfig;
import dev.chatd.common.server.ChatServer;
import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.testkit.cluster.NodeSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.opentest4j.AssertionFailedError;

/**
 * The base of every contract class: a fresh server per test, on 127.0.0.1 and a free port, and
 * fake users that are closed after the test, before the server.
 *
 * <p>A server module runs a contract by extending it and naming its factory:
 * <pre>{@code class CallbackLoginTest extends LoginContract {
 *     protected ChatServerFactory serverFactory() { return CallbackServer::start; }
 * }}</pre>
 * The server starts on first use with {@link #config()}; a test that needs other settings calls
 * {@link #startServer(ChatConfig)} first, usually with {@code config().withX(…)}.
 *
 * <p>A cluster runs the same contracts: its factory returns a {@link NodeSet}
 * ({@link dev.chatd.testkit.cluster.ClusterFixture}), which says on which node each fake user
 * connects.
 *
 * <p>Test methods are public so that JUnit finds them from subclasses in other packages.
 *
 * <p>A server module's own tests on real sockets (what only that server has, such as its
 * transports) extend it too, for the same fresh server and the same fake users.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class ServerContract {

    protected static final String INVALID_NAME = "! invalid name: use 1-32 letters, digits, '_' or '-'";
    protected static final String INVALID_ROOM = "! invalid room: use 1-32 letters, digits, '_' or '-'";
    protected static final String SERVER_FULL = "! server is full, try again later";
    protected static final String SHUTTING_DOWN = "* server shutting down";

    private final List<FakeUser> users = new ArrayList<>();
    private ChatServer server;
    private int connections;

    /** The server under test. */
    protected abstract ChatServerFactory serverFactory();

    /** The settings a test's server starts with unless it calls {@link #startServer(ChatConfig)}. */
    protected ChatConfig config() {
        return ChatConfig.forTests();
    }

    /** Starts this test's server with the given settings; call it before anything connects. */
    protected final ChatServer startServer(ChatConfig config) {
        if (server != null) {
            throw new IllegalStateException("this test's server is already running");
        }
        try {
            server = serverFactory().start(config);
        } catch (IOException e) {
            throw new UncheckedIOException("server did not start", e);
        }
        return server;
    }

    /** This test's server, started with {@link #config()} if nothing started it yet. */
    protected final ChatServer server() {
        return server != null ? server : startServer(config());
    }

    /** Where fake users connect: loopback and the server's real port. */
    protected final InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server().port());
    }

    /** A new connection, not logged in. */
    protected final FakeUser connect() {
        return connect(0);
    }

    /** A new connection with a small kernel receive buffer (0 = system default), not logged in. */
    protected final FakeUser connect(int receiveBufferBytes) {
        int n = ++connections;
        // A cluster places each user on one of its nodes; a server is one place.
        InetSocketAddress where = server() instanceof NodeSet nodes ? nodes.addressFor(n) : address();
        FakeUser user = FakeUser.connect(where, "connection-" + n, receiveBufferBytes);
        users.add(user);
        return user;
    }

    /** A new connection that has had its welcome line and is at its first prompt. */
    protected final FakeUser connectToPrompt() {
        FakeUser user = connect();
        user.awaitLineStartingWith("Welcome to ");
        user.awaitPrompt();
        return user;
    }

    /** A new connection logged in as {@code name}, its cursor after its users line. */
    protected final FakeUser login(String name) {
        FakeUser user = connect();
        user.login(name);
        return user;
    }

    /**
     * Logs users in one after another, all into {@code #lobby}. Afterwards every user's cursor is
     * past the last user's join line, so each sees only what comes next.
     */
    protected final List<FakeUser> loginAll(String... names) {
        List<FakeUser> loggedIn = new ArrayList<>();
        for (String name : names) {
            loggedIn.add(login(name));
        }
        String lastJoin = "* " + names[names.length - 1] + " joined #lobby";
        for (int i = 0; i < loggedIn.size() - 1; i++) {
            loggedIn.get(i).awaitLine(lastJoin);
        }
        return loggedIn;
    }

    /**
     * Connects until the server admits a connection (sends its welcome instead of refusing it as
     * full): the way to know the server has let go of a connection that ended.
     */
    protected final FakeUser awaitAdmitted() {
        return Awaitility.await().atMost(FakeUser.TIMEOUT).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(20)).pollInSameThread()
                .until(() -> {
                    FakeUser user = connect();
                    if (user.nextLine().startsWith("Welcome to ")) {
                        return user;
                    }
                    user.close();
                    return null;
                }, user -> user != null);
    }

    /** Moves a user to a room and waits for their own join and users lines (by its login name). */
    protected static void join(FakeUser user, String room) {
        user.send("/join " + room);
        user.awaitLine("* " + user.label() + " joined #" + room);
        user.awaitLineStartingWith("* users in #" + room + ": ");
    }

    /**
     * Like assertEquals on two lists of lines, but a failure names the first difference instead of
     * printing thousands of lines.
     */
    protected static void assertSameLines(String what, List<String> expected, List<String> actual) {
        int common = Math.min(expected.size(), actual.size());
        for (int i = 0; i < common; i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                throw new AssertionFailedError(what + ": line " + i + " differs: expected <"
                        + Visible.of(expected.get(i)) + "> but was <" + Visible.of(actual.get(i)) + ">");
            }
        }
        if (expected.size() != actual.size()) {
            String extra = expected.size() > actual.size()
                    ? "missing from line " + common + ": <" + Visible.of(expected.get(common)) + ">"
                    : "unexpected from line " + common + ": <" + Visible.of(actual.get(common)) + ">";
            throw new AssertionFailedError(what + ": expected " + expected.size() + " lines but got "
                    + actual.size() + "; " + extra);
        }
    }

    @AfterEach
    public final void closeUsersThenServer() {
        for (FakeUser user : users) {
            user.close();
        }
        users.clear();
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
