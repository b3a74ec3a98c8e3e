package dev.chatd.cluster;

import dev.chatd.common.config.ChatConfig;
import dev.chatd.common.server.ChatServer;
import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.testkit.FakeUser;
import dev.chatd.testkit.cluster.RedisServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a cluster test starts and must stop again: its own redis-server, nodes on it and fake users
 * on the nodes. Registered with {@code @RegisterExtension final Testbed bed = new Testbed();}, it
 * closes them after each test: the users, then the nodes (last started first), then Redis.
 */
final class Testbed implements AfterEachCallback {

    private final List<FakeUser> users = new ArrayList<>();
    private final List<AutoCloseable> nodes = new ArrayList<>();
    private RedisServer redis;

    /** Starts this test's redis-server, without persistence. */
    RedisServer redis() {
        return redis(false);
    }

    /** Starts this test's redis-server; with {@code aof} it keeps its data over a restart. */
    RedisServer redis(boolean aof) {
        redis = RedisServer.start(aof);
        return redis;
    }

    /** A node on this test's Redis, with {@code config} otherwise. */
    ChatServer node(ChatServerFactory factory, ChatConfig config) {
        try {
            return closedAfter(factory.start(config.withRedis(redis.uri())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A node on this test's Redis with the test defaults and the node id {@code id}. */
    ChatServer node(ChatServerFactory factory, String id) {
        return node(factory, ChatConfig.forTests().withNodeId(id));
    }

    /** Closes {@code node} (a server, a cluster fixture, a child JVM) with the others after the test. */
    <T extends AutoCloseable> T closedAfter(T node) {
        nodes.add(node);
        return node;
    }

    /** A connection to {@code node}, not logged in. */
    FakeUser connect(ChatServer node) {
        return connect(node.port(), "user-" + users.size());
    }

    /** A connection to a chat port on loopback, labelled {@code label} until it logs in. */
    FakeUser connect(int port, String label) {
        FakeUser user = FakeUser.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), label);
        users.add(user);
        return user;
    }

    /** A user logged in on {@code node} as {@code name}. */
    FakeUser user(ChatServer node, String name) {
        return user(node.port(), name);
    }

    /** A user logged in as {@code name} on the chat port {@code port}. */
    FakeUser user(int port, String name) {
        FakeUser user = connect(port, name);
        user.login(name);
        return user;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        users.forEach(FakeUser::close);
        users.clear();
        // Every node is closed even if one fails to; the first failure is the test's.
        Exception failure = null;
        for (int i = nodes.size() - 1; i >= 0; i--) {
            try {
                nodes.get(i).close();
            } catch (Exception e) {
                if (failure == null) failure = e; else failure.addSuppressed(e);
            }
        }
        nodes.clear();
        if (redis != null) {
            redis.close();
            redis = null;
        }
        if (failure != null) throw failure;
    }
}
