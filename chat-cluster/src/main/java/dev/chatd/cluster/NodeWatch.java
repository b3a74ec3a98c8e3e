package dev.chatd.cluster;

import dev.chatd.common.room.LeaveReason;
import dev.chatd.common.text.Names;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Presence: every {@link #BEAT} this node renews its heartbeat key (time to live {@link #TTL}) and
 * looks at the others'. A node whose key has lapsed died without saying goodbye: the first
 * survivor to win its cleanup key ({@code SET NX}) takes each of its users out of their room, as
 * {@code (node lost)}, and frees their names; the others see the key taken and do nothing, so each
 * user is announced once however many nodes survive. Detection takes at most TTL + BEAT (6 s).
 */
final class NodeWatch {

    static final Duration BEAT = Duration.ofSeconds(1);
    static final Duration TTL = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(NodeWatch.class);

    private final RedisCommands<String, String> redis;
    private final io.lettuce.core.api.async.RedisAsyncCommands<String, String> async;
    private final String instance;
    private final ClusterEvents events;
    private final ClusterMetrics metrics;
    private final LinkWatcher linkWatcher;
    private final ClusterLink link;
    private final DataSet dataSet;
    private final ScheduledExecutorService timer;

    NodeWatch(RedisCommands<String, String> redis, io.lettuce.core.api.async.RedisAsyncCommands<String, String> async,
              String instance, ClusterEvents events, ClusterMetrics metrics,
              LinkWatcher linkWatcher, ClusterLink link, DataSet dataSet) {
        this.link = link;
        this.dataSet = dataSet;
        this.redis = redis;
        this.async = async;
        this.instance = instance;
        this.events = events;
        this.metrics = metrics;
        this.linkWatcher = linkWatcher;
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "chat-cluster-watch");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Beats once now (so the node is known before it takes users), then every {@link #BEAT}. */
    void start() {
        beat();
        timer.scheduleWithFixedDelay(this::tick, BEAT.toMillis(), BEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops beating and says goodbye: the heartbeat is gone and the node is no member any more. */
    void stop() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void tick() {
        try {
            beat();
            // Redis lost its data without this node seeing its link drop (emptied while up): the
            // same as an outage, so the reader refills and starts over before delivering more.
            if (link.isUp() && dataSet.isLost()) linkWatcher.lost();
            // After an outage every node's heartbeat may have lapsed with Redis: judge the others
            // only once they have had a whole time to live to beat again.
            if (link.upFor().compareTo(TTL.plus(BEAT)) < 0) return;
            for (String other : redis.smembers(Keys.NODES)) {
                if (other.equals(instance) || redis.exists(Keys.alive(other)) > 0) continue;
                if ("OK".equals(redis.set(Keys.lapsed(other), instance, SetArgs.Builder.nx().px(Duration.ofMinutes(1))))) {
                    cleanUp(other);
                }
            }
        } catch (RuntimeException e) {
            log.debug("heartbeat failed: {}", e.toString());
            linkWatcher.lost();
        }
    }

    /**
     * Renews the heartbeat and the node's place in the node set: at start, every second, and as
     * soon as the link is back, since a node cut off past its heartbeat's life has been taken out
     * of the set by whoever cleaned it up, and cut off again before its next beat it would be
     * judged by nobody.
     */
    void beat() {
        redis.set(Keys.alive(instance), instance, SetArgs.Builder.px(TTL));
        redis.sadd(Keys.NODES, instance);
        redis.hsetnx(Keys.ROOMS, "lobby", "0");
    }

    /** Takes a lapsed node's users out of every room and frees their names, then forgets the node. */
    private void cleanUp(String lost) {
        String prefix = lost + "/";
        int users = 0;
        for (String room : redis.hkeys(Keys.ROOMS)) {
            for (Map.Entry<String, String> member : redis.hgetall(Keys.members(room)).entrySet()) {
                if (!member.getKey().startsWith(prefix)) continue;
                String name = member.getValue();
                // The name is free before the room hears of the leave, as on a node's own leaves.
                Scripts.RELEASE_NAME.run(async, new String[] {Keys.name(Names.key(name))},
                        lost + " " + member.getKey() + " ");
                events.leave(room, member.getKey(), name, LeaveReason.NODE_LOST.text());
                users++;
            }
        }
        redis.srem(Keys.NODES, lost);
        redis.del(Keys.inbox(lost));
        metrics.nodesLost.increment();
        log.warn("node {} lost: {} users taken out", lost, users);
    }
}
