package dev.chatd.callback;

import dev.chatd.callback.pipeline.ChatChannelInitializer;
import dev.chatd.callback.pipeline.ServerShutdown;
import dev.chatd.common.config.ChatConfig;
import dev.chatd.common.config.HostPort;
import dev.chatd.common.room.ChatHub;
import dev.chatd.common.server.ChatServer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.ChannelGroupFuture;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat server on Netty: one boss thread accepts, worker event loops run every connection's
 * pipeline ({@link ChatChannelInitializer}), and one {@link ChatHub} holds the rooms. Uses native
 * epoll when it is available, NIO otherwise.
 */
public final class CallbackServer implements ChatServer {

    private static final Logger log = LoggerFactory.getLogger(CallbackServer.class);
    /** Time allowed past the grace for the last closes to complete, and for the loops to stop. */
    private static final long CLOSE_MARGIN_MILLIS = 2_000;

    private final ChatHub hub;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ChannelGroup connections;
    private final Channel listener;
    private final InetSocketAddress address;
    private boolean closed; // guarded by this

    private CallbackServer(ChatHub hub, EventLoopGroup boss, EventLoopGroup workers,
                           ChannelGroup connections, Channel listener) {
        this.hub = hub;
        this.boss = boss;
        this.workers = workers;
        this.connections = connections;
        this.listener = listener;
        this.address = (InetSocketAddress) listener.localAddress();
    }

    /**
     * Binds and starts serving on the transport {@code --transport} names, or on the best one for
     * this machine; a {@code ChatServerFactory}.
     */
    public static CallbackServer start(ChatConfig config) throws IOException {
        return start(config, Transport.chosen(config.transport()));
    }

    static CallbackServer start(ChatConfig config, Transport transport) throws IOException {
        InetSocketAddress address = HostPort.chatAddress(config);
        int threads = config.effectiveWorkerThreads();
        ChatHub hub = ChatHub.forConfig(config); // first: joining a cluster may fail
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory("chat-accept"), transport.ioHandlers());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(threads,
                new DefaultThreadFactory("chat-io"), transport.ioHandlers());
        ChannelGroup connections = new DefaultChannelGroup("chat-connections", GlobalEventExecutor.INSTANCE);

        ChannelFuture bound = new ServerBootstrap()
                .group(boss, workers)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // An EOF is an event the protocol handler answers (flush, then close), not an instant close.
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new ChatChannelInitializer(hub, connections))
                .bind(address)
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            shutDown(boss, workers);
            hub.closeModel();
            throw asIOException(bound.cause());
        }
        log.info("using the {} transport with {} I/O threads", transport.flagValue(), threads);
        return new CallbackServer(hub, boss, workers, connections, bound.channel());
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
     * Graceful shutdown: stop accepting; queue {@code * server shutting down} for everyone as their
     * last line; flush and close every connection within the grace; stop the threads.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        listener.close().awaitUninterruptibly();

        hub.shutdown(); // the notice is each connection's last line, whatever its loop is doing

        ChannelGroupFuture allClosed = connections.newCloseFuture();
        fire(ServerShutdown.FLUSH_AND_CLOSE);
        long waitMillis = hub.config().shutdownGrace().toMillis() + CLOSE_MARGIN_MILLIS;
        if (!allClosed.awaitUninterruptibly(waitMillis)) {
            log.warn("connections still open {} ms after shutdown began; closing them", waitMillis);
        }
        connections.close().awaitUninterruptibly();
        shutDown(boss, workers);
        hub.closeModel(); // a cluster node's users have left by now: it leaves the cluster
    }

    private void fire(ServerShutdown event) {
        for (Channel channel : connections) {
            channel.pipeline().fireUserEventTriggered(event);
        }
    }

    private static void shutDown(EventLoopGroup... groups) {
        for (EventLoopGroup group : groups) {
            group.shutdownGracefully(0, CLOSE_MARGIN_MILLIS, TimeUnit.MILLISECONDS);
        }
        for (EventLoopGroup group : groups) {
            group.terminationFuture().awaitUninterruptibly();
        }
    }

    private static IOException asIOException(Throwable cause) {
        return cause instanceof IOException ? (IOException) cause : new IOException(cause.getMessage(), cause);
    }
}
