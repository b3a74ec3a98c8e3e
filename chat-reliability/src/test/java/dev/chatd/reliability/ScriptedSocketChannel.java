package dev.chatd.reliability;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * An {@link AsynchronousSocketChannel} that answers reads from a script: each read gets the next
 * scripted chunk (cut further if the reader's buffer is smaller), then EOF. Completions run on the
 * calling thread, so a whole conversation runs synchronously. Only what a line reader uses works.
 */
final class ScriptedSocketChannel extends AsynchronousSocketChannel {

    private final Queue<ByteBuffer> chunks = new ArrayDeque<>();
    private boolean open = true;

    ScriptedSocketChannel(List<byte[]> script) {
        super(null);
        for (byte[] chunk : script) {
            chunks.add(ByteBuffer.wrap(chunk));
        }
    }

    @Override
    public <A> void read(ByteBuffer dst, long timeout, TimeUnit unit, A attachment,
                         CompletionHandler<Integer, ? super A> handler) {
        ByteBuffer next = chunks.peek();
        if (next == null) {
            handler.completed(-1, attachment);
            return;
        }
        int n = Math.min(dst.remaining(), next.remaining());
        ByteBuffer slice = next.slice();
        slice.limit(n);
        dst.put(slice);
        next.position(next.position() + n);
        if (!next.hasRemaining()) {
            chunks.poll();
        }
        handler.completed(n, attachment);
    }

    @Override
    public Future<Integer> read(ByteBuffer dst) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <A> void read(ByteBuffer[] dsts, int offset, int length, long timeout, TimeUnit unit, A attachment,
                         CompletionHandler<Long, ? super A> handler) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <A> void write(ByteBuffer src, long timeout, TimeUnit unit, A attachment,
                          CompletionHandler<Integer, ? super A> handler) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Future<Integer> write(ByteBuffer src) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <A> void write(ByteBuffer[] srcs, int offset, int length, long timeout, TimeUnit unit, A attachment,
                          CompletionHandler<Long, ? super A> handler) {
        throw new UnsupportedOperationException();
    }

    @Override
    public AsynchronousSocketChannel bind(SocketAddress local) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <T> AsynchronousSocketChannel setOption(SocketOption<T> name, T value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <T> T getOption(SocketOption<T> name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Set<SocketOption<?>> supportedOptions() {
        return Set.of();
    }

    @Override
    public AsynchronousSocketChannel shutdownInput() {
        return this;
    }

    @Override
    public AsynchronousSocketChannel shutdownOutput() {
        return this;
    }

    @Override
    public SocketAddress getRemoteAddress() {
        return null;
    }

    @Override
    public <A> void connect(SocketAddress remote, A attachment, CompletionHandler<Void, ? super A> handler) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Future<Void> connect(SocketAddress remote) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException());
    }

    @Override
    public SocketAddress getLocalAddress() {
        return null;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() throws IOException {
        open = false;
    }
}
