package dev.chatd.cluster;

import dev.chatd.common.metrics.MetricSink;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * What a cluster node counts beyond a stand-alone server's metrics: publish round trips (a
 * latency histogram), events read from Redis, lines held while the link was down, nodes found
 * lost and cleaned up by this node, link losses and data resets (Redis back empty). Shown on
 * {@code /metrics} through chat-common's {@link MetricSink} seam by {@link #describeTo}.
 */
final class ClusterMetrics {

    /** Upper bounds, in seconds, of the publish latency buckets: 0.5 ms to 1 s. */
    static final double[] BUCKETS_SECONDS = {0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1};

    final LongAdder publishNanos = new LongAdder();
    /** One more than the bounds: the last counts what took longer than the highest. */
    final LongAdder[] publishBuckets = new LongAdder[BUCKETS_SECONDS.length + 1];
    final LongAdder eventsReceived = new LongAdder();
    final LongAdder linesHeld = new LongAdder();
    final LongAdder nodesLost = new LongAdder();
    final LongAdder linkLosses = new LongAdder();
    final LongAdder dataResets = new LongAdder();

    ClusterMetrics() {
        for (int i = 0; i < publishBuckets.length; i++) publishBuckets[i] = new LongAdder();
    }

    /** A publish's round trip, from sending the script to its answer. */
    void published(long nanos) {
        publishNanos.add(nanos);
        double seconds = nanos / 1e9;
        int bucket = 0;
        while (bucket < BUCKETS_SECONDS.length && seconds > BUCKETS_SECONDS[bucket]) bucket++;
        publishBuckets[bucket].increment();
    }

    /**
     * Names this node's metrics to the admin endpoint.
     *
     * @param linkUp   whether the node reaches Redis now
     * @param heldNow  room lines held now, waiting for the link
     */
    void describeTo(MetricSink sink, BooleanSupplier linkUp, IntSupplier heldNow) {
        sink.gauge("chatd_cluster_link_up", "1 while this node reaches Redis, 0 while its link is down",
                () -> linkUp.getAsBoolean() ? 1 : 0);
        sink.histogram("chatd_cluster_publish_seconds",
                "Round trip of a room event's publish to Redis (the script run), in seconds",
                BUCKETS_SECONDS, () -> {
                    long[] counts = new long[publishBuckets.length];
                    for (int i = 0; i < counts.length; i++) counts[i] = publishBuckets[i].sum();
                    return new MetricSink.Histogram(counts, publishNanos.sum() / 1e9);
                });
        sink.counter("chatd_cluster_events_received_total",
                "Stream entries read from Redis: room events and private lines for this node's users",
                eventsReceived::sum);
        sink.gauge("chatd_cluster_held_lines", "Room lines held now while the link is down, to publish on its return",
                heldNow::getAsInt);
        sink.counter("chatd_cluster_lines_held_total", "Room lines ever held while the link was down", linesHeld::sum);
        sink.counter("chatd_cluster_nodes_lost_total",
                "Nodes this node found lost (heartbeat lapsed) and cleaned up: their users taken out, names freed",
                nodesLost::sum);
        sink.counter("chatd_cluster_link_losses_total", "Times this node lost its link to Redis", linkLosses::sum);
        sink.counter("chatd_cluster_data_resets_total",
                "Times this node found Redis back without its data and registered its users and rooms again",
                dataResets::sum);
    }
}
