package dev.chatd.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A connect storm: opens connections at a fixed rate, however many logins are still in flight,
 * as clients reconnecting to a restarted server do; each user logs in as soon as it is prompted.
 * Failures are counted, not fatal: the storm goes on, and {@link #outcome()} says how it went.
 *
 * <p>Why not {@link UserConnector} with a large concurrency: it opens the next connection only
 * when a login completes, so a server that falls behind slows the arrivals down with it, and the
 * accept queue never sees the burst a real storm brings.
 */
final class PacedConnector extends Connector implements LoginListener {

    /** How often the pacing task opens the connections that are due. */
    private static final long TICK_MICROS = 1000;

    private final EventLoops loops;
    private final Bootstrap bootstrap;
    private final Targets targets;
    private final int users;
    private final int perSecond;
    private final UserConnector.UserFactory factory;
    private final URI websocket;

    private final AtomicInteger opened = new AtomicInteger();
    private final Map<Failure, AtomicInteger> failures = new EnumMap<>(Failure.class);
    private final AtomicReference<String> firstFailure = new AtomicReference<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile ScheduledFuture<?> pacing;

    /**
     * @param perSecond connections opened per second, from the first
     * @param factory   makes user {@code index}'s handler; it must report to this connector
     * @param websocket the gateway's WebSocket to reach the server through, or null for TCP
     */
    PacedConnector(EventLoops loops, Targets targets, int users, int perSecond,
                   UserConnector.UserFactory factory, URI websocket) {
        this.loops = loops;
        this.targets = targets;
        this.users = users;
        this.perSecond = perSecond;
        this.factory = factory;
        this.websocket = websocket;
        for (Failure kind : Failure.values()) failures.put(kind, new AtomicInteger());
        this.bootstrap = bootstrap(loops);
    }

    /** {@inheritDoc} Returns false as soon as every user has either logged in or failed, if any failed. */
    @Override
    boolean connectAll(long deadlineNanos) throws InterruptedException {
        started();
        pacing = loops.group().next().scheduleAtFixedRate(this::openDue, 0, TICK_MICROS, TimeUnit.MICROSECONDS);
        try {
            finished.await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } finally {
            pacing.cancel(false);
        }
        return loggedIn() == users;
    }

    /** How the storm went so far. */
    Results.Storm outcome() {
        int failed = failedSoFar();
        return new Results.Storm(perSecond, opened.get(), loggedIn(), failures.get(Failure.CONNECT).get(),
                failures.get(Failure.RESET).get(), failures.get(Failure.CLOSED).get(), failures.get(Failure.REFUSED).get(),
                opened.get() - loggedIn() - failed, firstFailure.get());
    }

    @Override
    public void loggedIn(BenchUser user) {
        countLogin();
        checkDone();
    }

    @Override
    public void failed(BenchUser user, Failure kind, String reason) {
        failures.get(kind).incrementAndGet();
        firstFailure.compareAndSet(null, reason);
        checkDone();
    }

    private int failedSoFar() {
        int failed = 0;
        for (AtomicInteger n : failures.values()) failed += n.get();
        return failed;
    }

    private void checkDone() {
        if (loggedIn() + failedSoFar() >= users) finished.countDown();
    }

    /** On the pacing loop: opens every connection due by now. */
    private void openDue() {
        long due = Math.min(users, (System.nanoTime() - startNanos()) * perSecond / 1_000_000_000L + 1);
        while (opened.get() < due) {
            int index = opened.getAndIncrement();
            BenchUser user = factory.create(index, this);
            bootstrap.clone().handler(WebSocketPipeline.around(user, websocket)).connect(targets.forUser(index)).addListener(f -> {
                if (!f.isSuccess()) {
                    failed(user, Failure.CONNECT, "cannot connect: " + UserConnector.describe(f.cause()));
                }
            });
        }
        ScheduledFuture<?> self = pacing; // null if this first run came before the assignment: the next one stops
        if (opened.get() >= users && self != null) self.cancel(false);
    }
}
