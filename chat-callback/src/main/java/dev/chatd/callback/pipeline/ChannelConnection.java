package dev.chatd.callback.pipeline;

import dev.chatd.common.closing.CloseReason;
import dev.chatd.common.config.ChatConfig;
import dev.chatd.common.metrics.ChatMetrics;
import dev.chatd.common.output.OutputBudget;
import dev.chatd.common.output.OutputQueue;
import dev.chatd.common.room.Connection;
import dev.chatd.common.server.ConnectionLog;
import dev.chatd.common.room.LeaveReason;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelProgressiveFuture;
import io.netty.channel.ChannelProgressiveFutureListener;
import io.netty.channel.ChannelProgressivePromise;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The outbound side of one Netty channel, as the room model sees it ({@link Connection}).
 *
 * <p>{@link #send} may run on any thread, under a room's lock: it appends to a common
 * {@link OutputQueue} and, once per burst, schedules {@link #drain} on the channel's event loop.
 * The drain copies everything that piled up into pooled direct buffers, one per batch of the
 * queue's, writes them and flushes once: many lines, one syscall. Never writing to the channel
 * from another thread keeps the order the room lock fixed (netty#3246). The queue counts bytes
 * until the kernel takes them, and each write tells it when the kernel took only part of it (the
 * socket's buffer is full): past the limit, that is a reader too slow, and the connection is closed (see
 * {@link OutputQueue} for the rule). A send on the channel's own loop that finds more than the
 * limit unsent, and no earlier write waiting, drains at once, inline: that backlog is the loop's
 * own doing (the echo of one read of a flooder's input) and must reach the kernel before anyone
 * is judged by it.
 *
 * <p>Also holds why the connection is ending ({@link CloseReason}).
 */
public final class ChannelConnection implements Connection {

    private final Channel channel;
    private final EventLoop loop;
    private final Executor drains;
    private final OutputQueue queue;
    private final ChatMetrics metrics;
    private final long graceNanos;
    private final String remote;
    private final CloseReason closeReason = new CloseReason();
    private final Runnable drainTask = this::drain;
    // Used on the event loop only.
    private boolean closing;

    public ChannelConnection(Channel channel, ChatConfig config, ChatMetrics metrics) {
        this(channel, config, metrics, channel.eventLoop(), OutputBudget.UNLIMITED);
    }

    /**
     * @param drains runs {@link #drain} on the channel's event loop; a {@link LoopDrains} executor
     *               lets a broadcast schedule one task per loop rather than one per member
     * @param budget the server's own backlog, which this connection's unsent output counts in
     *               while the kernel keeps up; given back when the channel closes
     */
    public ChannelConnection(Channel channel, ChatConfig config, ChatMetrics metrics, Executor drains,
                             OutputBudget budget) {
        this.channel = channel;
        this.loop = channel.eventLoop();
        this.drains = drains;
        this.queue = new OutputQueue(config.outputLimitBytes(), budget);
        queue.ownedBy(new OutputQueue.Owner() {
            @Override
            public void wake() {
                executeDrain();
            }

            @Override
            public void overflowed() {
                tooSlow();
            }
        });
        channel.closeFuture().addListener(closed -> queue.retire());
        this.metrics = metrics;
        this.graceNanos = config.shutdownGrace().toNanos();
        this.remote = ConnectionLog.format(channel.remoteAddress());
    }

    @Override
    public void send(byte[] line) {
        if (!queue.offer(line)) {
            tooSlow();
            return;
        }
        scheduleDrain();
    }

    @Override
    public void sendLast(byte[] line) {
        if (!queue.offerLast(line)) {
            tooSlow();
            return;
        }
        scheduleDrain();
    }

    private void scheduleDrain() {
        if (queue.overLimit() && loop.inEventLoop() && kernelTookAll()) {
            // This loop's own turn made the backlog (one read of a flooder's input, fanned out):
            // hand the kernel what it takes now, rather than count the backlog against a reader
            // that keeps up. Only past the limit, so a burst still goes out as one write; and only
            // while no earlier write waits (on io_uring one is in flight until its completion),
            // since the kernel takes nothing sooner for it, and a drain per line would then pile
            // up a buffer per line.
            drain();
            return;
        }
        if (queue.claimDrain()) {
            executeDrain();
        }
    }

    private void executeDrain() {
        try {
            drains.execute(drainTask);
        } catch (RejectedExecutionException e) {
            // The event loop has shut down, and the channel with it: nothing left to write.
        }
    }

    @Override
    public OutputQueue output() {
        return queue;
    }

    @Override
    public String remote() {
        return remote;
    }

    /** Why the connection is ending: the first reason recorded; "connection closed" when none is. */
    public CloseReason closeReason() {
        return closeReason;
    }

    /**
     * Closes once everything queued so far has been written, or when the shutdown grace has passed,
     * whichever comes first. Any thread, but not under a room lock. On the event loop the flush
     * starts at once, so on EOF it is under way while the EOF is being handled (see
     * {@link NoReadAfterEofHandler} for why that matters); Netty runs the close's own callbacks later.
     */
    public void closeAfterFlush(LeaveReason reason) {
        closeReason.record(reason);
        if (loop.inEventLoop()) {
            flushAndClose();
        } else {
            onLoop(this::flushAndClose);
        }
    }

    @Override
    public long unsentBytes() {
        return queue.pendingBytes();
    }

    @Override
    public boolean readerBehind() {
        return queue.readerBehind();
    }

    @Override
    public void cutAsTooSlow() {
        tooSlow();
    }

    private void tooSlow() {
        // Every later offer fails too; only the first closes and is counted.
        if (closeReason.record(LeaveReason.TOO_SLOW)) {
            metrics.slowConsumerDisconnect();
            // Not inline: send runs under room locks, and a close runs the leave that takes them.
            onLoop(channel::close);
        }
    }

    /**
     * The writer: on the event loop, so the role is simply released first; Netty's outbound buffer
     * holds what the kernel does not take yet, so one drain can hand over the whole backlog.
     */
    private void drain() {
        queue.releaseDrain();
        if (!channel.isActive()) {
            queue.discardAll(); // the peer is gone; the user leaves as the close completes
            return;
        }
        boolean wrote = false;
        for (int size; (size = queue.nextBatch(OutputQueue.MAX_BATCH_BYTES)) > 0; ) {
            writeBatch(size);
            wrote = true;
        }
        if (wrote) {
            channel.flush(); // writes what the kernel takes now (epoll, NIO) or submits it (io_uring)
        }
    }

    private void writeBatch(int size) {
        ByteBuf buf = channel.alloc().directBuffer(size, size);
        for (byte[] line; (line = queue.takeBatchLine()) != null; ) {
            buf.writeBytes(line);
        }
        ChannelProgressivePromise promise = channel.newProgressivePromise();
        promise.addListener(new BatchWrite(size));
        channel.write(buf, promise);
    }

    /**
     * One batch on its way to the kernel. Netty reports each part of it the kernel takes, when it
     * takes it: at once on epoll and NIO, when the write completes on io_uring. So the kernel's
     * refusal is read from the write itself, a part taken short of the whole, and never from what
     * is still in flight: on io_uring every write is in flight for a while after its flush, and
     * counting that as refused cut readers who kept up. A write the kernel refuses entirely (its
     * buffer filled exactly) reports nothing; the short write that filled it came first.
     */
    private final class BatchWrite implements ChannelProgressiveFutureListener {
        private final int size;
        private long taken;

        BatchWrite(int size) {
            this.size = size;
        }

        @Override
        public void operationProgressed(ChannelProgressiveFuture future, long progress, long total) {
            long now = progress - taken;
            taken = progress;
            queue.sent(now);
            metrics.bytesWritten(now);
            if (progress < total && queue.kernelRefused()) {
                tooSlow(); // the socket's buffer is full and more than the limit is unsent
            }
        }

        @Override
        public void operationComplete(ChannelProgressiveFuture future) {
            // The part progress has not reported: what a failed write will never send, or the
            // whole batch on a channel that reports no progress (Netty's EmbeddedChannel, in the
            // tests). Either way it is no longer owed to the kernel.
            long rest = size - taken;
            if (rest > 0) {
                queue.sent(rest);
                if (future.isSuccess()) {
                    metrics.bytesWritten(rest);
                }
            }
            if (future.isSuccess()) {
                if (kernelTookAll()) {
                    queue.kernelTookAll();
                }
            } else {
                closeReason.recordFailure(future.cause()); // Netty closes the channel after a failed write
            }
        }
    }

    /** True when no flushed write is left in Netty's outbound buffer: the kernel took them all. */
    private boolean kernelTookAll() {
        ChannelOutboundBuffer outbound = channel.unsafe().outboundBuffer();
        return outbound == null || outbound.isEmpty();
    }

    private void flushAndClose() {
        if (closing || !channel.isActive()) {
            return;
        }
        closing = true;
        drain();
        // Writes complete in order, so this empty one completes once all before it are written.
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        ScheduledFuture<?> deadline = loop.schedule(() -> {
            channel.close();
        }, graceNanos, TimeUnit.NANOSECONDS);
        channel.closeFuture().addListener(closed -> deadline.cancel(false));
    }

    private void onLoop(Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            // The event loop has shut down, and the channel with it: nothing left to write or close.
        }
    }


    @Override
    public String toString() {
        return remote;
    }
}
