package dev.chatd.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Connects and logs in users, a bounded number at a time so that the server's accept queue is
 * not overrun: each finished login starts the next connection. Stops at the first failure.
 */
final class UserConnector extends Connector implements LoginListener {

    /** Builds user {@code index}'s handler, with this connector as its login listener. */
    interface UserFactory {
        BenchUser create(int index, LoginListener listener);
    }

    private final Bootstrap bootstrap;
    private final Targets targets;
    private final int users;
    private final int concurrency;
    private final UserFactory factory;
    private final java.net.URI websocket;

    private final AtomicInteger nextIndex = new AtomicInteger();
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final CountDownLatch finished = new CountDownLatch(1);

    /**
     * @param targets    where each user connects (one server, or a cluster's nodes in turn)
     * @param factory    makes user {@code index}'s handler; it must report to this connector
     * @param websocket  the gateway's WebSocket to reach the server through, or null for TCP
     */
    UserConnector(EventLoops loops, Targets targets, int users, int concurrency,
                  UserFactory factory, java.net.URI websocket) {
        this.targets = targets;
        this.users = users;
        this.concurrency = concurrency;
        this.factory = factory;
        this.websocket = websocket;
        this.bootstrap = bootstrap(loops);
    }

    /** {@inheritDoc} Fails with the first connection or login that fails. */
    @Override
    boolean connectAll(long deadlineNanos) throws SetupException, InterruptedException {
        started();
        for (int i = 0; i < Math.min(concurrency, users); i++) connectNext();
        boolean done = finished.await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        String why = failure.get();
        if (why != null) throw new SetupException(why);
        return done;
    }

    @Override
    public void loggedIn(BenchUser user) {
        if (countLogin() == users) {
            finished.countDown();
        } else {
            connectNext();
        }
    }

    @Override
    public void failed(BenchUser user, LoginListener.Failure kind, String reason) {
        if (failure.compareAndSet(null, reason)) finished.countDown();
    }

    private void connectNext() {
        if (failure.get() != null) return;
        int index = nextIndex.getAndIncrement();
        if (index >= users) return;
        BenchUser user = factory.create(index, this);
        InetSocketAddress target = targets.forUser(index);
        ChannelFuture connect = bootstrap.clone().handler(WebSocketPipeline.around(user, websocket)).connect(target);
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                failed(user, LoginListener.Failure.CONNECT, "cannot connect to " + describe(target) + ": " + describe(f.cause()));
            }
        });
    }

    private static String describe(InetSocketAddress target) {
        return target.getAddress().getHostAddress() + ":" + target.getPort();
    }

    /** The operating system's words for a failed connect, without Netty's decoration. */
    static String describe(Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        if (message.contains("Connection refused")) return "Connection refused";
        if (cause instanceof io.netty.channel.ConnectTimeoutException) return "connection timed out";
        int failedAt = message.lastIndexOf("failed: ");
        return failedAt >= 0 ? message.substring(failedAt + "failed: ".length()) : message;
    }
}
