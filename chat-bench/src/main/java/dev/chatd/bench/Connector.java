package dev.chatd.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Connects and logs in a run's users: {@link UserConnector} a few at a time, {@link PacedConnector}
 * at a fixed rate. Keeps what both report: logins so far, and when the first connect and the last
 * login happened.
 */
abstract class Connector {

    private final AtomicInteger loggedIn = new AtomicInteger();
    private final AtomicLong lastLoginNanos = new AtomicLong(Long.MIN_VALUE);
    private volatile long startNanos;

    /**
     * Connects and logs in every user, waiting at most until {@code deadlineNanos}.
     *
     * @return true when all are logged in, false when the deadline came first (or, paced, some failed)
     * @throws SetupException when a failure means the run cannot go on
     */
    abstract boolean connectAll(long deadlineNanos) throws SetupException, InterruptedException;

    /** Users logged in so far. */
    final int loggedIn() {
        return loggedIn.get();
    }

    /** When the first connect was started. */
    final long startNanos() {
        return startNanos;
    }

    /** When the last login so far completed; {@link Long#MIN_VALUE} before the first. */
    final long lastLoginNanos() {
        return lastLoginNanos.get();
    }

    /** Marks the start of connecting; call before the first connect. */
    final void started() {
        startNanos = System.nanoTime();
    }

    /** Counts a login that has just completed; returns the logins so far. */
    final int countLogin() {
        lastLoginNanos.accumulateAndGet(System.nanoTime(), Math::max);
        return loggedIn.incrementAndGet();
    }

    /** The bootstrap every user's connection is cloned from. */
    static Bootstrap bootstrap(EventLoops loops) {
        return new Bootstrap()
                .group(loops.group())
                .channel(loops.channelType())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
    }
}
