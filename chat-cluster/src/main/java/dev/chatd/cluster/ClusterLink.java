package dev.chatd.cluster;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether this node can reach Redis now, as its heartbeat and its stream reader last found.
 * Read on the login path, so only a volatile read.
 */
final class ClusterLink {

    private final AtomicBoolean up = new AtomicBoolean(true);
    /** When the link was last (re)established: the node start, or its last restore. */
    private volatile long upSinceNanos = System.nanoTime() - java.time.Duration.ofHours(1).toNanos(); // a new node judges at once

    boolean isUp() {
        return up.get();
    }

    /** True for the call that saw the link go down. */
    boolean markDown() {
        return up.compareAndSet(true, false);
    }

    /** True for the call that saw the link come back. */
    boolean markUp() {
        if (!up.compareAndSet(false, true)) return false;
        upSinceNanos = System.nanoTime();
        return true;
    }

    /** How long the link has been up without a break; zero while it is down. */
    java.time.Duration upFor() {
        return isUp() ? java.time.Duration.ofNanos(System.nanoTime() - upSinceNanos) : java.time.Duration.ZERO;
    }
}
