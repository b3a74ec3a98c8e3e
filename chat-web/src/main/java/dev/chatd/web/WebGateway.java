package dev.chatd.web;

import dev.chatd.common.config.HostPort;
import dev.chatd.web.bridge.GatewayShutdown;
import dev.chatd.web.bridge.UpstreamConnector;
import dev.chatd.web.config.WebConfig;
import dev.chatd.web.http.BrowserInitializer;
import dev.chatd.web.http.PageFiles;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running web gateway: one thread accepts, worker event loops run every browser's pipeline
 * ({@link BrowserInitializer}) and, on the same loop, its connection to a chat server.
 */
public final class WebGateway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebGateway.class);
    /** How long closing waits for browsers to take their close frames before dropping them. */
    private static final long CLOSE_WAIT_MILLIS = 2_000;

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ChannelGroup browsers;
    private final Channel listener;
    private final InetSocketAddress address;
    private boolean closed; // guarded by this

    private WebGateway(EventLoopGroup boss, EventLoopGroup workers, ChannelGroup browsers, Channel listener) {
        this.boss = boss;
        this.workers = workers;
        this.browsers = browsers;
        this.listener = listener;
        this.address = (InetSocketAddress) listener.localAddress();
    }

    /** Reads the page, binds and returns once the HTTP port accepts connections. */
    public static WebGateway start(WebConfig config) throws IOException {
        return start(config, BrowserInitializer.HTTP_IDLE);
    }

    /** As {@link #start(WebConfig)}, with another idle timeout for connections not yet WebSockets (tests). */
    static WebGateway start(WebConfig config, Duration httpIdle) throws IOException {
        PageFiles files = PageFiles.load();
        InetSocketAddress bindAddress = new InetSocketAddress(config.host(), config.port());
        if (bindAddress.isUnresolved()) throw new UnknownHostException(config.host());
        Transport transport = Transport.best();
        int threads = config.effectiveWorkerThreads();
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("web-accept"), transport.ioHandlers());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("web-io"), transport.ioHandlers());
        ChannelGroup browsers = new DefaultChannelGroup("web-browsers", GlobalEventExecutor.INSTANCE);
        // A line from a server is at most what may wait for one browser: a longer one could not be delivered.
        int maxServerLine = (int) Math.min(Integer.MAX_VALUE - 1024, config.outputLimitBytes());
        UpstreamConnector connector = new UpstreamConnector(config.upstreams(), transport.clientChannel(), maxServerLine);
        long limit = config.outputLimitBytes();
        ChannelFuture bound = new ServerBootstrap()
                .group(boss, workers)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // Unwritable past the output limit: the relay then cuts the browser as too slow.
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark((int) Math.min(limit / 2, Integer.MAX_VALUE), (int) Math.min(limit, Integer.MAX_VALUE)))
                .childHandler(new BrowserInitializer(config, browsers, files, connector, httpIdle))
                .bind(bindAddress)
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            shutDown(boss, workers);
            Throwable cause = bound.cause();
            throw cause instanceof IOException io ? io : new IOException(cause.getMessage(), cause);
        }
        log.info("using the {} transport with {} I/O threads", transport.name().toLowerCase(Locale.ROOT), threads);
        return new WebGateway(boss, workers, browsers, bound.channel());
    }

    /** Where the gateway listens; the port is the real one when 0 was configured. */
    public InetSocketAddress address() {
        return address;
    }

    /** The HTTP port. */
    public int port() {
        return address.getPort();
    }

    /** {@code http://host:port/} for this machine, for tests and the log. */
    public String url() {
        return "http://" + HostPort.format(address.getAddress().isAnyLocalAddress() ? "127.0.0.1"
                : address.getAddress().getHostAddress(), port()) + "/";
    }

    /**
     * Stops accepting, tells every browser the gateway is going away (close frame 1001, which the
     * page answers by reconnecting), closes every chat server connection, and stops the threads.
     * Blocks until done; calling it again does nothing.
     */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        listener.close().awaitUninterruptibly();
        for (Channel browser : browsers) {
            browser.pipeline().fireUserEventTriggered(GatewayShutdown.INSTANCE);
        }
        if (!browsers.newCloseFuture().awaitUninterruptibly(CLOSE_WAIT_MILLIS)) {
            log.warn("browsers still connected {} ms after shutdown began; closing them", CLOSE_WAIT_MILLIS);
        }
        browsers.close().awaitUninterruptibly();
        shutDown(boss, workers);
    }

    private static void shutDown(EventLoopGroup... groups) {
        for (EventLoopGroup group : groups) group.shutdownGracefully(0, CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        for (EventLoopGroup group : groups) group.terminationFuture().awaitUninterruptibly();
    }
}
