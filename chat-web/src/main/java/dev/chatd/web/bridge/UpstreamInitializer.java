package dev.chatd.web.bridge;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;

/** The pipeline of a connection to a chat server: its output cut into lines, then relayed to the browser. */
final class UpstreamInitializer extends ChannelInitializer<Channel> {

    private final Bridge bridge;
    private final Channel browser;
    private final int maxServerLineBytes;

    UpstreamInitializer(Bridge bridge, Channel browser, int maxServerLineBytes) {
        this.bridge = bridge;
        this.browser = browser;
        this.maxServerLineBytes = maxServerLineBytes;
    }

    @Override
    protected void initChannel(Channel channel) {
        channel.pipeline()
                .addLast("lines", new UpstreamLineDecoder(maxServerLineBytes))
                .addLast("relay", new UpstreamRelay(bridge, browser));
    }
}
