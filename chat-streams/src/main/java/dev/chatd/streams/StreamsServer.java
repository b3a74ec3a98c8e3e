package dev.chatd.streams;

import dev.chatd.common.config.ChatConfig;
import dev.chatd.common.config.HostPort;
import dev.chatd.common.config.TransportChoice;
import dev.chatd.common.output.BatchingExecutor;
import dev.chatd.common.room.ChatHub;
import dev.chatd.common.room.LeaveReason;
import dev.chatd.common.server.ChatServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat server on JDK NIO.2: an accept loop that starts a {@link ChatSession} per connection,
 * all on one {@link AsynchronousChannelGroup}.
 *
 * <p>Threads: two fixed pools of named, non-daemon threads, one for I/O and one for the sessions.
 * The I/O pool is the channel group's executor: it runs the completion handlers (accepts, reads,
 * and writes, whose completion starts the connection's next batch) and, on all but one of its
 * threads, the writers' flushes (asked for from under room locks). The session pool runs the
 * sessions' chains from the moment a read has completed: logins, commands and the fan-out they
 * cause; and the timers (throttled reads, the login timeout). The JDK adds one internal thread
 * that waits for socket readiness.
 *
 * <p>Why two pools: in a connect storm every login broadcasts a join to the whole room, O(room)
 * work per login. With one pool (as before) that work and the accept completions shared one FIFO
 * queue, so each accept waited behind thousands of logins and the listen queue overflowed. Linux
 * then drops SYNs (the client retries after 1, 3, 7 s...) or, once its SYN queue is full too,
 * answers with SYN cookies and drops the client's final ACK: that client believes it is connected
 * and waits for a welcome from a server that never heard of it. Of 10,000 connects at 5,000/s,
 * 4,426 had logged in after 60 s, and the server sat idle (6.7 CPU-seconds in all). The JDK allows
 * one accept in flight per listener and binds accepted channels to the listener's group, so
 * neither more accepts nor a group of its own for the listener can help; keeping the group's
 * queue for completions alone does.
 *
 * <p>Where the flushes run: their runners ({@link BatchingExecutor}) give their thread back after
 * each pass, but in a storm the queue is never empty, so a runner is back on the pool at once.
 * Allowed on every I/O thread, they held them all (7,991 of 10,000 in after 60 s, measured when
 * a runner still ran until its queue was empty), so they get one runner fewer than the I/O
 * threads, and one thread is always left for the completions. On the session pool (tried too)
 * they cost a hand-off per write: a write started off the group's threads completes on one of
 * them, and the fan-out at 1,000 users made 3.7 to 4.1 million deliveries per server CPU-second,
 * against 4.5 to 7.4 before the split and 5.3 to 8.5 this way. With a single I/O thread they run
 * on the session pool. A runner's rest after a full pass waits {@link #FLUSH_WAIT_MICROS} before it
 * goes on, as the callback server's loops wait ({@code LoopDrains}), but for less: a runner is a
 * pool task writing to hundreds of sockets, so a long wait holds whole batches of members (3 ms, at
 * 5,000 users and 10 x 10 msg/s on an AMD EPYC: p99 133 / 137 against 106 / 103 ms without).
 *
 * <p>Completions: the JDK runs a write's completion in the writing thread only for the first 16
 * completions of each pool task, and hands every later one to another pool thread, a wake-up and
 * two context switches per write once a runner is past its sixteenth. {@link StreamsServerMain}
 * lifts that cap, so a runner's writes complete on its own thread; {@link Handover} keeps an
 * inline completion from nesting the next write inside it. At 10,000 users that took the server
 * from 41,000 context switches a second to 1,400, at the same CPU without the wait and less with it.
 *
 * <p>The listener binds with the largest backlog the kernel allows (somaxconn), as Netty does: a
 * burst can come faster than any accept loop, and what the backlog holds is never lost.
 */
public final class StreamsServer implements ChatServer {

    private static final Logger log = LoggerFactory.getLogger(StreamsServer.class);
    /**
     * The listen backlog asked for: Linux caps it at {@code net.core.somaxconn} (4,096 by default
     * since 5.4), so this asks for as much as the machine allows.
     */
    private static final int BACKLOG = 65_535;
    /**
     * How long the flushes left after a full pass wait before they go on, in microseconds: while
     * more members wait to be written than one pass takes, the wait lets each of them take more
     * lines per write, so the server spends less of the machine on writes when that is what it is
     * short of. A pass that empties the queue never waits. Measured on 2 cores (Intel Xeon,
     * 2026-12-04), 10,000 users, 10 x 10 msg/s, p99 in runs taking turns: no wait 101-124 ms at
     * 1.24-1.27 cores; 250 us after 256, 84-113 ms at 1.0-1.07 cores; the same with completions
     * inline (see the class comment), 83-90 ms at 0.97-1.02 cores.
     */
    private static final long FLUSH_WAIT_MICROS = 250;
    /** Pause after a failed accept (e.g. too many open files) so the loop does not spin. */
    private static final Duration ACCEPT_BACKOFF = Duration.ofMillis(100);
    /** Beyond the grace, how long close() waits for sessions and threads to finish. */
    private static final Duration STOP_MARGIN = Duration.ofSeconds(2);

    private final ChatConfig config;
    private final ChatHub hub;
    /** The session pool: the sessions' chains after each read, and their timers. */
    private final ExecutorService workers;
    /** Runs the writers' flushes and overflow closes: see {@link BatchingExecutor} for why not on a pool directly. */
    private final BatchingExecutor flushes;
    private final AsynchronousChannelGroup group;
    private final AsynchronousServerSocketChannel listener;
    private final InetSocketAddress address;
    private final Map<SocketConnection, CompletableFuture<Void>> sessions = new ConcurrentHashMap<>();
    private final AtomicBoolean closeStarted = new AtomicBoolean();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    private StreamsServer(ChatConfig config, ExecutorService io, ExecutorService workers, int threads,
                          AsynchronousChannelGroup group, AsynchronousServerSocketChannel listener) throws IOException {
        this.config = config;
        this.hub = ChatHub.forConfig(config);
        this.workers = workers;
        // One I/O thread always left free of flushes for the completions (see the class comment).
        ExecutorService flushPool = threads > 1 ? io : workers;
        this.flushes = new BatchingExecutor(flushPool, Math.max(1, threads - 1), BatchingExecutor.PASS,
                CompletableFuture.delayedExecutor(FLUSH_WAIT_MICROS, TimeUnit.MICROSECONDS, flushPool));
        this.group = group;
        this.listener = listener;
        this.address = (InetSocketAddress) listener.getLocalAddress();
    }

    /**
     * Binds the chat port and starts accepting; returns once connections are accepted.
     *
     * @throws IllegalArgumentException when {@code --transport} names a layer other than NIO.2,
     *         which is the one this server is written for
     */
    public static StreamsServer start(ChatConfig config) throws IOException {
        if (config.transport() != TransportChoice.AUTO && config.transport() != TransportChoice.NIO) {
            throw new IllegalArgumentException("the " + config.transport().flagValue()
                    + " transport is chat-callback's; chat-streams runs on the JDK's NIO.2 (--transport auto or nio)");
        }
        InetSocketAddress address = HostPort.chatAddress(config);
        int threads = config.effectiveWorkerThreads();
        ExecutorService io = Executors.newFixedThreadPool(threads, namedThreads("chat-streams-io-"));
        // A pool of our own, not withFixedThreadPool: a write from outside the group is then tried at
        // once, where on a fixed pool the JDK defers it to the poller (an epoll round trip per write).
        AsynchronousChannelGroup group = AsynchronousChannelGroup.withThreadPool(io);
        ExecutorService workers = Executors.newFixedThreadPool(threads, namedThreads("chat-streams-session-"));
        try {
            AsynchronousServerSocketChannel listener = AsynchronousServerSocketChannel.open(group)
                    .setOption(StandardSocketOptions.SO_REUSEADDR, true)
                    .bind(address, BACKLOG);
            StreamsServer server = new StreamsServer(config, io, workers, threads, group, listener);
            server.acceptNext();
            log.debug("accepting with {} I/O and {} session threads", threads, threads); // ServerMain logs the address
            return server;
        } catch (IOException | RuntimeException e) {
            group.shutdownNow();
            workers.shutdownNow();
            throw e;
        }
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public ChatHub hub() {
        return hub;
    }

    /**
     * Shuts down as docs/protocol.md says: stops accepting, has the hub send {@code * server shutting
     * down} to every admitted connection, closes each connection once its output is flushed (at
     * most the configured grace), then stops the threads. Blocks until done; later calls just wait
     * for the first. Not to be called from a worker thread, which it waits for.
     */
    @Override
    public void close() {
        if (closeStarted.compareAndSet(false, true)) {
            try {
                shutDown();
            } finally {
                stopped.complete(null);
            }
        }
        stopped.join();
    }

    private void shutDown() {
        log.debug("closing {} connections", hub.connectionCount());
        closeQuietly();
        hub.shutdown();
        Duration grace = config.shutdownGrace();
        List<SocketConnection> open = List.copyOf(sessions.keySet());
        open.forEach(connection -> connection.closeBecause(LeaveReason.SHUTDOWN, grace));
        CompletableFuture<Void> allEnded = CompletableFuture.allOf(sessions.values().toArray(CompletableFuture[]::new));
        try {
            allEnded.get(grace.plus(STOP_MARGIN).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            log.warn("sessions still open after the shutdown grace; closing them now");
            sessions.keySet().forEach(connection -> connection.abortBecause(LeaveReason.SHUTDOWN));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopThreads();
        hub.closeModel(); // a cluster node's users have left by now: it leaves the cluster
        log.debug("threads stopped");
    }

    private void stopThreads() {
        try {
            group.shutdown(); // terminates once every channel is closed and every handler has run
            if (!group.awaitTermination(STOP_MARGIN.toMillis(), TimeUnit.MILLISECONDS)) {
                group.shutdownNow();
                group.awaitTermination(STOP_MARGIN.toMillis(), TimeUnit.MILLISECONDS);
            }
            workers.shutdown(); // what is left are timers and continuations of closed sessions
            if (!workers.awaitTermination(STOP_MARGIN.toMillis(), TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
            }
        } catch (IOException e) {
            log.warn("closing the channel group failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Accept, start a session, accept again: the loop ends only when the listener is closed. */
    private void acceptNext() {
        try {
            listener.accept(null, new CompletionHandler<AsynchronousSocketChannel, Void>() {
                @Override
                public void completed(AsynchronousSocketChannel channel, Void unused) {
                    startSession(channel);
                    acceptNext();
                }

                @Override
                public void failed(Throwable exc, Void unused) {
                    if (!listener.isOpen()) {
                        return; // closed by close(): the loop is over
                    }
                    // E.g. too many open files: the connection waits in the backlog; try again soon.
                    log.warn("accept failed, retrying in {} ms: {}", ACCEPT_BACKOFF.toMillis(), exc.toString());
                    CompletableFuture.delayedExecutor(ACCEPT_BACKOFF.toMillis(), TimeUnit.MILLISECONDS, workers)
                            .execute(StreamsServer.this::acceptNext);
                }
            });
        } catch (RuntimeException e) {
            if (listener.isOpen()) {
                log.error("accept loop stopped", e);
            }
        }
    }

    private void startSession(AsynchronousSocketChannel channel) {
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true); // lines are already batched
        } catch (IOException e) {
            // the peer is already gone; the session will find out
        }
        SocketConnection connection = new SocketConnection(channel, hub, flushes);
        CompletableFuture<Void> ended = new CompletableFuture<>();
        sessions.put(connection, ended);
        new ChatSession(hub, connection, workers).run().whenComplete((done, failure) -> {
            if (failure != null) {
                log.warn("{} session failed", connection.remote(), failure);
                connection.abortBecause(LeaveReason.ERROR);
            }
            sessions.remove(connection);
            ended.complete(null);
        });
    }

    private void closeQuietly() {
        try {
            listener.close();
        } catch (IOException e) {
            log.warn("closing the listener failed", e);
        }
    }

    private static ThreadFactory namedThreads(String prefix) {
        AtomicInteger next = new AtomicInteger(1);
        return task -> {
            Thread thread = new Thread(task, prefix + next.getAndIncrement());
            thread.setDaemon(false);
            return thread;
        };
    }
}
