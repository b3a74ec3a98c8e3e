package dev.chatd.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends one user's benchmark messages, either as fast as the server takes them or at a fixed rate
 * from the event loop's scheduler. Lives on its channel's event loop; all methods are called there.
 *
 * <p>"As fast as the server takes them" means while the channel is writable (TCP backpressure)
 * and while fewer than a window of this sender's messages are still on their way back to it. The
 * window is needed because with its input rate limit off a server reads as fast as it can and
 * queues each message for every member: TCP alone would let the senders fill every receiver's
 * output queue past the server's limit, and the server would drop readers as too slow. Since
 * everyone in a room gets its lines in one order, the sender's own copy coming back means the
 * message has been queued for all.
 */
final class Sender {

    /** Messages written per batch; after each, the loop gets to do its reads before the next one. */
    private static final int BATCH = 64;
    /** The scheduler is not asked for ticks closer than this; a tick sends all that is due. */
    private static final long MIN_TICK_NANOS = 1_000_000;

    private final int index;
    private final Channel channel;
    private final long timeBase;
    private final int textBytes;
    private final byte[] scratch = new byte[20];

    private int nextSeq;
    /** The next of its own messages this sender expects back. */
    private int echoedUpTo;
    private int phaseStartSeq;
    private long firstSendNanos = Long.MAX_VALUE;
    private boolean done = true;
    private boolean pumpQueued;
    private SendPlan plan;
    private long phaseStartNanos;
    private ScheduledFuture<?> ticker;

    /**
     * @param index     this sender's number among the senders, carried in every message
     * @param timeBase  the run's {@link System#nanoTime()} origin, shared with the receivers
     * @param textBytes size of each message's text
     */
    Sender(int index, Channel channel, long timeBase, int textBytes) {
        this.index = index;
        this.channel = channel;
        this.timeBase = timeBase;
        this.textBytes = textBytes;
    }

    int index() {
        return index;
    }

    /** Starts a phase; the first message goes out after {@code offsetNanos} (rated) or at once. */
    void start(SendPlan plan, long offsetNanos) {
        this.plan = plan;
        this.phaseStartSeq = nextSeq;
        this.firstSendNanos = Long.MAX_VALUE;
        this.done = false;
        if (plan.deadlineNanos() != Long.MAX_VALUE) {
            // Ends the phase on time even while the connection is not writable.
            long left = Math.max(0, plan.deadlineNanos() - System.nanoTime());
            channel.eventLoop().schedule(this::finish, left, TimeUnit.NANOSECONDS);
        }
        if (plan.rate() == 0) {
            pump();
        } else {
            long period = Math.max(MIN_TICK_NANOS, 1_000_000_000L / plan.rate());
            phaseStartNanos = System.nanoTime() + offsetNanos;
            ticker = channel.eventLoop().scheduleAtFixedRate(this::tick, offsetNanos, period, TimeUnit.NANOSECONDS);
        }
    }

    /** The channel became writable again: carry on if the phase is still running. */
    void onWritable() {
        if (done) return;
        if (plan.rate() == 0) pump();
        else tick();
    }

    /** This sender's own message {@code seq} has come back to it: the window moves on. */
    void onEcho(int seq) {
        if (seq < echoedUpTo) return;
        boolean wasFull = inFlight() >= plan.window();
        echoedUpTo = seq + 1;
        if (wasFull && !done && plan.rate() == 0) pump();
    }

    /** The connection is gone: nothing more will be sent. */
    void stop() {
        finish();
    }

    /** Messages sent in the current (or last) phase. */
    int sentInPhase() {
        return nextSeq - phaseStartSeq;
    }

    /** Messages sent since the start of the run, i.e. the next sequence number. */
    int sentTotal() {
        return nextSeq;
    }

    long firstSendNanos() {
        return firstSendNanos;
    }

    boolean isDone() {
        return done;
    }

    private void pump() {
        pumpQueued = false;
        if (done || !channel.isWritable()) return; // writability coming back calls onWritable
        int remaining = plan.messages() - sentInPhase();
        if (remaining <= 0 || System.nanoTime() >= plan.deadlineNanos()) {
            finish();
            return;
        }
        int room = plan.window() - inFlight();
        if (room <= 0) return; // the next echo calls onEcho
        writeBatch(Math.min(Math.min(BATCH, remaining), room));
        if (!pumpQueued && channel.isWritable() && inFlight() < plan.window()) {
            pumpQueued = true;
            channel.eventLoop().execute(this::pump);
        }
    }

    private void tick() {
        if (done) return;
        long now = System.nanoTime();
        if (now >= plan.deadlineNanos() || sentInPhase() >= plan.messages()) {
            finish();
            return;
        }
        // Due since the phase began: one at once, then rate per second; computed, not counted, so
        // late ticks catch up instead of drifting.
        long due = Math.min(plan.messages(), 1 + (long) ((now - phaseStartNanos) / 1e9 * plan.rate()));
        while (sentInPhase() < due && channel.isWritable()) {
            writeBatch((int) Math.min(BATCH, due - sentInPhase()));
        }
        if (sentInPhase() >= plan.messages()) finish();
    }

    private int inFlight() {
        return nextSeq - echoedUpTo;
    }

    private void writeBatch(int count) {
        long now = System.nanoTime();
        if (firstSendNanos == Long.MAX_VALUE) firstSendNanos = now;
        int perMessage = Math.max(textBytes, BenchMessage.MAX_HEADER_BYTES) + 2;
        ByteBuf buf = channel.alloc().ioBuffer(count * perMessage);
        for (int i = 0; i < count; i++) {
            BenchMessage.encode(buf, index, nextSeq++, now - timeBase, textBytes, scratch);
        }
        channel.writeAndFlush(buf, channel.voidPromise());
    }

    private void finish() {
        done = true;
        if (ticker != null) {
            ticker.cancel(false);
            ticker = null;
        }
    }
}
