package dev.chatd.testkit.cluster;

import dev.chatd.common.config.ChatConfig;
import dev.chatd.common.room.ChatHub;
import dev.chatd.common.server.ChatServer;
import dev.chatd.common.server.ChatServerFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster for one test: its own {@link RedisServer}, then one node per factory, each started the
 * way the servers' main does it (the server's {@code start(ChatConfig)} with {@code --redis} and a
 * node id). As a {@link ChatServer} it is the whole cluster: {@link #close} shuts every node down
 * (each begins shutdown before any closes, so no user hears another node's users leave before
 * their own notice), then Redis; {@link #address()} and {@link #hub()} are the first node's.
 *
 * <p>Placement: with {@link Placement#RANDOM} each fake user connects to a node drawn at random
 * (the seed is logged; {@code -Dcluster.seed=<seed>} repeats it), except that a test whose config
 * limits users below the default puts everyone on the first node, since that limit is a node's own
 * (docs/cluster.md: "server is full" counts this node's users). With {@link Placement#FIRST_NODE}
 * every user is on the first node, for contract classes that read that node's gauges and
 * counters; the other nodes still share its rooms through Redis.
 */
public final class ClusterFixture implements NodeSet {

    /** Which node a fake user connects to. */
    public enum Placement { RANDOM, FIRST_NODE }

    private static final Logger log = LoggerFactory.getLogger(ClusterFixture.class);

    private final RedisServer redis;
    private final List<ChatServer> nodes;
    private final Random random;
    private final boolean firstNodeOnly;
    private boolean closed; // guarded by this

    private ClusterFixture(RedisServer redis, List<ChatServer> nodes, Random random, boolean firstNodeOnly) {
        this.redis = redis;
        this.nodes = nodes;
        this.random = random;
        this.firstNodeOnly = firstNodeOnly;
    }

    /** A factory of clusters with one node per factory given, users placed at random. */
    public static ChatServerFactory of(ChatServerFactory... nodeFactories) {
        return of(Placement.RANDOM, nodeFactories);
    }

    /** A factory of clusters with one node per factory given. */
    public static ChatServerFactory of(Placement placement, ChatServerFactory... nodeFactories) {
        return config -> start(config, placement, List.of(nodeFactories));
    }

    private static ClusterFixture start(ChatConfig config, Placement placement, List<ChatServerFactory> factories)
            throws IOException {
        RedisServer redis = RedisServer.start();
        List<ChatServer> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < factories.size(); i++) {
                nodes.add(factories.get(i).start(config.withRedis(redis.uri()).withNodeId("node" + (i + 1))));
            }
        } catch (IOException | RuntimeException e) {
            nodes.forEach(ChatServer::close);
            redis.close();
            throw e;
        }
        long seed = Long.getLong("cluster.seed", System.nanoTime());
        log.info("cluster of {} nodes on {}; users placed with seed {}", nodes.size(), redis.uri(), seed);
        boolean firstOnly = placement == Placement.FIRST_NODE || config.maxUsers() < ChatConfig.DEFAULT_MAX_USERS;
        return new ClusterFixture(redis, nodes, new Random(seed), firstOnly);
    }

    /** The cluster's Redis, for tests that stop, empty or slow it. */
    public RedisServer redis() {
        return redis;
    }

    /** The nodes, in the order of their factories. */
    @Override
    public List<ChatServer> nodes() {
        return List.copyOf(nodes);
    }

    @Override
    public synchronized InetSocketAddress addressFor(int n) {
        ChatServer node = firstNodeOnly ? nodes.get(0) : nodes.get(random.nextInt(nodes.size()));
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), node.port());
    }

    @Override
    public InetSocketAddress address() {
        return nodes.get(0).address();
    }

    @Override
    public ChatHub hub() {
        return nodes.get(0).hub();
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        for (ChatServer node : nodes) node.hub().shutdown();
        for (ChatServer node : nodes) node.close();
        redis.close();
    }
}
