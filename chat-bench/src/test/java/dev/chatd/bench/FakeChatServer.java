package dev.chatd.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Just enough of the chat protocol for the generator's own tests: a welcome, the prompt, one room
 * where every line is broadcast as {@code name: text}, and join lines. It runs on one thread, so
 * every member sees one order. It can drop one receiver's copy of every k-th message, to prove
 * that the generator notices.
 */
final class FakeChatServer implements AutoCloseable {

    private static final AttributeKey<String> NAME = AttributeKey.valueOf("name");

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final List<Channel> members = new CopyOnWriteArrayList<>();
    private final AtomicLong messages = new AtomicLong();
    private final int dropEvery;
    private final Channel listener;

    /** @param dropEvery drop the first member's copy of every dropEvery-th message; 0 drops nothing */
    FakeChatServer(int dropEvery) throws InterruptedException {
        this.dropEvery = dropEvery;
        this.listener = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new LineBasedFrameDecoder(8192), new Session());
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Session extends SimpleChannelInboundHandler<ByteBuf> {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(text("Welcome to fake\r\nUsername: "));
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf line) {
            String text = line.toString(StandardCharsets.UTF_8).trim();
            String name = ctx.channel().attr(NAME).get();
            if (name == null) {
                ctx.channel().attr(NAME).set(text);
                members.add(ctx.channel());
                broadcast("* " + text + " joined #lobby\r\n", false);
                ctx.writeAndFlush(text("* users in #lobby: " + members.size() + " users\r\n"));
            } else {
                boolean drop = dropEvery > 0 && messages.incrementAndGet() % dropEvery == 0;
                broadcast(name + ": " + text + "\r\n", drop);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            members.remove(ctx.channel());
        }

        private void broadcast(String s, boolean skipFirst) {
            boolean first = true;
            for (Channel member : members) {
                if (!(first && skipFirst)) member.writeAndFlush(text(s));
                first = false;
            }
        }

        private ByteBuf text(String s) {
            return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
        }
    }
}
