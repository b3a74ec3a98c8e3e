package dev.chatd.cluster;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether this node can reach Redis now, as its heartbeat and its stream reader last found.
 * Read on the login path, so only a volatile read.
 */
final class ClusterLink {

    private final AtomicBoolean up = new AtomicBoolean(true);

    boolean isUp() {
        return up.get();
    }

    /** True for the call that saw the link go down. */
    boolean markDown() {
        return up.compareAndSet(true, false);
    }

    /** True for the call that saw the link come back. */
    boolean markUp() {
        return up.compareAndSet(false, true);
    }
}
