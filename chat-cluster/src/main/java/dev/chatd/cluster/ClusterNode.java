package dev.chatd.cluster;

import dev.chatd.common.config.ChatConfig;
import dev.chatd.common.metrics.ChatMetrics;
import dev.chatd.common.render.Renderer;
import dev.chatd.common.room.RoomModel;
import dev.chatd.common.room.User;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node of a cluster: its Redis client and two connections (one for commands, pipelined; one
 * for the blocking stream read), and the parts of the room model built on them. Made by
 * {@link ClusterModelProvider}; {@link #close} runs when the server has closed its connections.
 *
 * <p>The node's instance id is its node id and a random suffix, so a node restarted under the same
 * id is a new instance, and the users of the one that died are still cleaned up.
 */
final class ClusterNode {

    private static final Logger log = LoggerFactory.getLogger(ClusterNode.class);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(3);
    /** Lettuce's switch for its io_uring transport, read once when its transport classes load. */
    static final String LETTUCE_IO_URING = "io.lettuce.core.iouring";

    static {
        // Lettuce 7.2 with both of Netty's native transports on the class path (the callback
        // server's jar has them) takes io_uring's channel class but builds an epoll event loop for
        // it, and every connect fails with "incompatible event loop type". Its own epoll is what it
        // prefers anyway; an operator who sets the property keeps their choice.
        if (System.getProperty(LETTUCE_IO_URING) == null) {
            System.setProperty(LETTUCE_IO_URING, "false");
        }
    }

    private final String instance;
    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> commands;
    private final StatefulRedisConnection<String, String> reading;
    private final ClusterMetrics clusterMetrics = new ClusterMetrics();
    private final ClusterLink link = new ClusterLink();
    private final ClusterNames names;
    private final ClusterEvents events;
    private final ClusterDirectory directory;
    private final StreamReader reader;
    private final Thread readerThread;
    private final DataSet dataSet;
    private final NodeWatch watch;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ClusterNode(ChatConfig config, Renderer renderer, Clock clock, ChatMetrics metrics) throws IOException {
        this.instance = config.effectiveNodeId() + "." + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        // A reconnect every 200 ms at most, not Lettuce's default backoff of up to 30 s: a node is
        // back as soon as Redis is.
        this.resources = DefaultClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10), Duration.ofMillis(200), 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, RedisURI.create(config.redis()));
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // Not Lettuce's own unbounded buffer: while the link is down the node holds lines itself.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .build());
        try {
            this.commands = client.connect();
            this.reading = client.connect();
            for (Scripts script : Scripts.ALL) script.load(commands.sync());
        } catch (RedisException e) {
            client.shutdown();
            resources.shutdown();
            throw new IOException("cannot join the cluster at " + config.redis() + ": " + e.getMessage(), e);
        }
        this.names = new ClusterNames(commands.async(), instance, link);
        this.events = new ClusterEvents(commands.async(), names, clock, config.historyEvents(), clusterMetrics, link,
                resources.eventExecutorGroup());
        names.holdWith(events::whenUp);
        this.directory = new ClusterDirectory(commands.async(), names, events, config.historyEvents());
        this.dataSet = new DataSet(commands.sync(), commands.async(), instance, names, directory, clusterMetrics);
        dataSet.join();
        LinkWatcher linkWatcher = new LinkWatcher(link, clusterMetrics, this::everyUser, this::restoreLink);
        this.reader = new StreamReader(reading.sync(), commands.async(), instance, directory, names, renderer, metrics,
                clusterMetrics, linkWatcher, new Rejoiner(commands.async(), instance, names, events));
        directory.readWith(reader);
        dataSet.readWith(reader);
        events.readWith(reader);
        this.watch = new NodeWatch(commands.sync(), commands.async(), instance, events, clusterMetrics, linkWatcher, link,
                dataSet);
        watch.start();
        this.readerThread = new Thread(reader, "chat-cluster-reader");
        readerThread.setDaemon(true);
        readerThread.start();
        log.info("node {} joined the cluster at {}", instance, config.redis());
    }

    private void everyUser(Consumer<User> action) {
        names.users().forEach(action);
    }

    /**
     * The link's way back, once a stream read works again: throws while the command connection
     * does not answer yet. Refills a Redis that came back empty before the held lines go out, and
     * outside their lock (a rename publishes holding its room's lock, which the refill takes).
     */
    private boolean restoreLink() {
        commands.sync().ping();
        // A restarted Redis has an empty script cache. Loaded again before anything runs by
        // SHA: else each held line's EVALSHA fails and falls back to EVAL when its refusal
        // comes back, while later lines already run by SHA, and a sender's lines go out of order.
        for (Scripts script : Scripts.ALL) script.load(commands.sync());
        if (dataSet.refillIfLost()) {
            // What was on its way went with the data: nobody waits for it any more (the held
            // lines' tickets too, so a reply may now come ahead of their echo: docs/cluster.md).
            everyUser(User::ownEventsLost);
        }
        watch.beat();
        return events.restore(() -> commands.sync().ping());
    }

    /** Joins the cluster and returns this node's room model. */
    static RoomModel join(ChatConfig config, Renderer renderer, Clock clock, ChatMetrics metrics) throws IOException {
        ClusterNode node = new ClusterNode(config, renderer, clock, metrics);
        return new RoomModel(node.names, node.directory, node.events, node::close,
                sink -> node.clusterMetrics.describeTo(sink, node.link::isUp, node.events::heldCount));
    }

    /**
     * Leaves the cluster: waits (boundedly) until Redis has run every command sent so far (the
     * leaves of this node's users among them; one connection runs them in order, so one PING's
     * answer says so), then removes the node's heartbeat and inbox and stops.
     */
    private void close() {
        if (!closed.compareAndSet(false, true)) return;
        watch.stop();
        reader.stop();
        try {
            commands.async().ping().get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            commands.async().del(Keys.alive(instance), Keys.inbox(instance));
            commands.async().srem(Keys.NODES, instance).get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.warn("leaving the cluster cleanly failed ({}); the others will find this node lost", e.toString());
        }
        try {
            readerThread.join(CLOSE_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.shutdown(Duration.ZERO, CLOSE_TIMEOUT);
        resources.shutdown(0, CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        log.info("node {} left the cluster", instance);
    }
}
