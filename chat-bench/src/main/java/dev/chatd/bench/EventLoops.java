package dev.chatd.bench;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The generator's few event-loop threads (native epoll where available), each with the
 * {@link LoopStats} of the users it serves, and a way to read or change those from another thread
 * by running a task on every loop.
 */
public final class EventLoops implements AutoCloseable {

    private final EventLoopGroup group;
    private final Class<? extends SocketChannel> channelType;
    private final Map<EventExecutor, LoopStats> stats = new IdentityHashMap<>();

    public EventLoops(int threads) {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("bench-loop", true), io);
        this.channelType = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        for (EventExecutor loop : group) stats.put(loop, new LoopStats());
    }

    public EventLoopGroup group() {
        return group;
    }

    public Class<? extends SocketChannel> channelType() {
        return channelType;
    }

    /** "epoll" or "nio". */
    public String transport() {
        return channelType == EpollSocketChannel.class ? "epoll" : "nio";
    }

    /** The stats of the users on {@code loop}; to be used on that loop only. */
    LoopStats statsOf(EventLoop loop) {
        LoopStats s = stats.get(loop);
        if (s == null) throw new IllegalArgumentException("not one of this generator's loops: " + loop);
        return s;
    }

    /** Runs {@code task} on every loop with that loop's stats and returns what each gave. */
    <T> List<T> onEach(Function<LoopStats, T> task, Duration timeout)
            throws InterruptedException, TimeoutException {
        List<Future<T>> futures = new ArrayList<>();
        for (Map.Entry<EventExecutor, LoopStats> e : stats.entrySet()) {
            LoopStats s = e.getValue();
            futures.add(e.getKey().submit(() -> task.apply(s)));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            if (!f.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new TimeoutException("an event loop did not answer within " + timeout.toMillis() + " ms");
            }
            try {
                results.add(f.get());
            } catch (ExecutionException ex) {
                throw new IllegalStateException("task on event loop failed", ex.getCause());
            }
        }
        return results;
    }

    /** Runs {@code action} on every loop and waits for it. */
    void forEach(Consumer<LoopStats> action, Duration timeout) throws InterruptedException, TimeoutException {
        onEach(s -> {
            action.accept(s);
            return Boolean.TRUE;
        }, timeout);
    }

    /** All loops' counters added up. */
    LoopStats.Counters counters(Duration timeout) throws InterruptedException, TimeoutException {
        LoopStats.Counters sum = LoopStats.Counters.ZERO;
        for (LoopStats.Counters c : onEach(LoopStats::counters, timeout)) sum = sum.plus(c);
        return sum;
    }

    /** Stops the threads at once; connections still open are dropped. */
    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
}
