package dev.chatd.callback.pipeline;

import dev.chatd.common.room.ChatHub;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.flow.FlowControlHandler;

/**
 * Builds each accepted connection's pipeline, bytes in at the top, protocol at the bottom:
 * <ol>
 *   <li>{@link NoReadAfterEofHandler}: outbound only, keeps read requests off a finished input;</li>
 *   <li>{@link TelnetStripHandler}: telnet negotiation out;</li>
 *   <li>{@link LineFrameDecoder}: lines and over-long-line markers;</li>
 *   <li>{@link FlowControlHandler}: with auto-read off, holds the lines already read and releases
 *       one per read, which is what makes throttling exact;</li>
 *   <li>{@link Utf8LineDecoder}: each line's bytes to text;</li>
 *   <li>{@link ChatProtocolHandler}: the chat itself.</li>
 * </ol>
 * Output needs no handler: {@link ChannelConnection} writes ready-made bytes. Every channel also
 * joins {@code connections}, so that shutdown can reach it.
 */
public final class ChatChannelInitializer extends ChannelInitializer<Channel> {

    private final ChatHub hub;
    private final ChannelGroup connections;
    private final NoReadAfterEofHandler noReadAfterEof = new NoReadAfterEofHandler();
    private final Utf8LineDecoder utf8 = new Utf8LineDecoder();
    private final LoopDrains drains = new LoopDrains();

    public ChatChannelInitializer(ChatHub hub, ChannelGroup connections) {
        this.hub = hub;
        this.connections = connections;
    }

    @Override
    protected void initChannel(Channel channel) {
        connections.add(channel);
        channel.pipeline()
                .addLast("eof-guard", noReadAfterEof)
                .addLast("telnet", new TelnetStripHandler())
                .addLast("lines", new LineFrameDecoder(hub.config().maxLineBytes()))
                .addLast("flow", new FlowControlHandler())
                .addLast("utf8", utf8)
                .addLast("chat", new ChatProtocolHandler(hub, drains));
    }
}
