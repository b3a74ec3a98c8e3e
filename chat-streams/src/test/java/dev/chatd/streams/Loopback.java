package dev.chatd.streams;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real loopback TCP connection for transport tests: the server end is an NIO.2 channel in its
 * own channel group (as the server has it), the peer a plain blocking {@link Socket}.
 */
final class Loopback implements AutoCloseable {

    final ExecutorService executor;
    final AsynchronousChannelGroup group;
    final AsynchronousSocketChannel channel;
    final Socket peer;

    private Loopback(ExecutorService executor, AsynchronousChannelGroup group,
                     AsynchronousSocketChannel channel, Socket peer) {
        this.executor = executor;
        this.group = group;
        this.channel = channel;
        this.peer = peer;
    }

    static Loopback open() throws Exception {
        return open(0);
    }

    /** @param bufferBytes socket buffer sizes on both ends, to make the kernel push back early; 0 = default */
    static Loopback open(int bufferBytes) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(2);
        AsynchronousChannelGroup group = AsynchronousChannelGroup.withThreadPool(executor);
        try (AsynchronousServerSocketChannel listener = AsynchronousServerSocketChannel.open(group)) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Socket peer = new Socket();
            if (bufferBytes > 0) {
                peer.setReceiveBufferSize(bufferBytes); // before connecting, so the window is small from the start
            }
            var accepted = listener.accept();
            peer.connect(listener.getLocalAddress());
            AsynchronousSocketChannel channel = accepted.get(5, TimeUnit.SECONDS);
            if (bufferBytes > 0) {
                channel.setOption(StandardSocketOptions.SO_SNDBUF, bufferBytes);
            }
            return new Loopback(executor, group, channel, peer);
        }
    }

    OutputStream peerOut() throws IOException {
        return peer.getOutputStream();
    }

    InputStream peerIn() throws IOException {
        return peer.getInputStream();
    }

    @Override
    public void close() throws Exception {
        peer.close();
        channel.close();
        group.shutdown(); // after the handlers of the closed channel have run
        if (!group.awaitTermination(5, TimeUnit.SECONDS)) {
            group.shutdownNow();
        }
    }
}
