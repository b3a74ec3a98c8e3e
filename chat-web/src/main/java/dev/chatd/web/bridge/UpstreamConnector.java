package dev.chatd.web.bridge;

import dev.chatd.web.config.Upstream;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens the one TCP connection a browser's WebSocket gets, on the browser's own event loop (so
 * both channels of a bridge share a thread and hand frames over without a queue). Connections go
 * to the upstreams in turn; one that refuses is skipped for this browser, and the next is tried,
 * so one node of a cluster being down costs its share of browsers nothing but a retry.
 */
public final class UpstreamConnector {

    static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    /** Above this much unsent input to the server, reading from the browser pauses. */
    private static final WriteBufferWaterMark INPUT_WATER_MARK = new WriteBufferWaterMark(32 * 1024, 64 * 1024);

    private final List<Upstream> upstreams;
    private final Class<? extends SocketChannel> channelType;
    private final int maxServerLineBytes;
    private final AtomicInteger next = new AtomicInteger();

    /**
     * @param maxServerLineBytes longest line accepted from a server; the output limit, since a
     *                           longer one could not be held for a browser anyway
     */
    public UpstreamConnector(List<Upstream> upstreams, Class<? extends SocketChannel> channelType, int maxServerLineBytes) {
        this.upstreams = List.copyOf(upstreams);
        this.channelType = channelType;
        this.maxServerLineBytes = maxServerLineBytes;
    }

    /** Connects a bridge's upstream, trying each upstream at most once; fails with the last upstream's error. */
    Future<Channel> connect(Bridge bridge, Channel browser) {
        Promise<Channel> promise = browser.eventLoop().newPromise();
        int first = Math.floorMod(next.getAndIncrement(), upstreams.size());
        attempt(bridge, browser, first, 0, promise);
        return promise;
    }

    private void attempt(Bridge bridge, Channel browser, int first, int tried, Promise<Channel> promise) {
        Upstream upstream = upstreams.get((first + tried) % upstreams.size());
        ChannelFuture connect = new Bootstrap()
                .group(browser.eventLoop())
                .channel(channelType)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, INPUT_WATER_MARK)
                .handler(new UpstreamInitializer(bridge, browser, maxServerLineBytes))
                .connect(upstream.host(), upstream.port());
        connect.addListener(done -> {
            if (done.isSuccess()) {
                promise.trySuccess(connect.channel());
            } else if (tried + 1 < upstreams.size() && browser.isActive()) {
                attempt(bridge, browser, first, tried + 1, promise);
            } else {
                promise.tryFailure(new UpstreamUnavailableException(upstream, done.cause()));
            }
        });
    }
}
