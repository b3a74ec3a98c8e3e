package dev.chatd.cluster;

import dev.chatd.common.render.ServerLine;
import dev.chatd.common.room.User;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what the stream reader finds into the link's state and the users' notices: the first
 * failed read tells every user of this node {@code * cluster link lost, reconnecting}; the first
 * read that works again, once the command connection answers too, says
 * {@code * cluster link restored}, publishes the lines held meanwhile, and lets the reader go on
 * from where it stopped, so the missed events come next, in order.
 */
final class LinkWatcher {

    static final String LOST = "cluster link lost, reconnecting";
    static final String RESTORED = "cluster link restored";
    private static final Logger log = LoggerFactory.getLogger(LinkWatcher.class);
    /** Between two reads that failed: Lettuce reconnects meanwhile; without it the reader would spin. */
    private static final long RETRY_MILLIS = 100;

    private final ClusterLink link;
    private final ClusterMetrics metrics;
    private final Consumer<Consumer<User>> everyUser;
    private final java.util.function.BooleanSupplier restore;

    /**
     * @param everyUser walks this node's users
     * @param restore   runs when a read works while the link is down: checks the command connection
     *                  (throwing if it is not back yet), refills a Redis that came back empty,
     *                  publishes the held lines and marks the link up; true for the call that did
     */
    LinkWatcher(ClusterLink link, ClusterMetrics metrics, Consumer<Consumer<User>> everyUser,
                java.util.function.BooleanSupplier restore) {
        this.link = link;
        this.metrics = metrics;
        this.everyUser = everyUser;
        this.restore = restore;
    }

    /** A read failed: the link is down (said once), and the reader waits a little before the next try. */
    void readFailed() {
        lost();
        pause();
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The link is down, found by the reader or the heartbeat. Marked down before the users are
     * walked, so a reader waiting on its own events' bound is released by the walk, or, if it
     * starts waiting after it, sees the link down itself ({@link User#whenReadyForNextLine}).
     */
    void lost() {
        if (link.markDown()) {
            metrics.linkLosses.increment();
            log.warn("cluster link lost, reconnecting");
            everyUser.accept(user -> {
                user.tellNow(new ServerLine.Info(LOST));
                user.ownEventBoundLifted();
            });
        }
    }

    /**
     * A read worked. True when what it returned may be delivered: the link was up. If the link was
     * down, it is back once the command connection answers too (and a Redis that came back empty
     * has been refilled); false then, so the reader reads again from its cursors as they are now.
     */
    boolean readSucceeded() {
        if (link.isUp()) return true;
        boolean restored;
        try {
            restored = restore.getAsBoolean();
        } catch (RuntimeException notYet) {
            pause(); // the next read tries again; meanwhile it would return the same entries at once
            return false;
        }
        if (restored) {
            log.info("cluster link restored");
            everyUser.accept(user -> user.tellNow(new ServerLine.Info(RESTORED)));
        }
        return false;
    }
}
