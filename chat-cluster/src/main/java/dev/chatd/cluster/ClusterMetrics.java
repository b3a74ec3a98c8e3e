package dev.chatd.cluster;

import java.util.concurrent.atomic.LongAdder;

/**
 * What a cluster node counts beyond a stand-alone server's metrics: publish round trips (count
 * and total time, and a few latency buckets), events read from Redis, lines held while the link was
 * down, nodes found lost and cleaned up by this node.
 */
final class ClusterMetrics {

    /** Upper bounds, in milliseconds, of the publish latency buckets. */
    static final double[] BUCKETS_MS = {0.5, 1, 2, 5, 10, 25, 50, 100, 250, 1000};

    final LongAdder published = new LongAdder();
    final LongAdder publishNanos = new LongAdder();
    final LongAdder[] publishBuckets = new LongAdder[BUCKETS_MS.length];
    final LongAdder eventsReceived = new LongAdder();
    final LongAdder linesHeld = new LongAdder();
    final LongAdder nodesLost = new LongAdder();
    final LongAdder linkLosses = new LongAdder();

    ClusterMetrics() {
        for (int i = 0; i < publishBuckets.length; i++) publishBuckets[i] = new LongAdder();
    }

    void published(long nanos) {
        published.increment();
        publishNanos.add(nanos);
        double ms = nanos / 1e6;
        for (int i = 0; i < BUCKETS_MS.length; i++) {
            if (ms <= BUCKETS_MS[i]) {
                publishBuckets[i].increment();
                break;
            }
        }
    }
}
