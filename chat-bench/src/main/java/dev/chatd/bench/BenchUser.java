package dev.chatd.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * One simulated user on one connection: logs in (waits for the prompt, sends its name, waits for
 * its own join line), then reads every line the server sends it, checking benchmark messages for
 * order and measuring their latency. A sender among the users also owns a {@link Sender}.
 * Runs on its channel's event loop; the hot path makes no objects per line.
 */
final class BenchUser extends ChannelInboundHandlerAdapter implements LineSink {

    private enum State { AWAIT_PROMPT, LOGGING_IN, READY, CLOSING }

    private static final byte[] PROMPT = Bytes.ascii("Username: ");
    private static final byte[] JOINED_LOBBY = Bytes.ascii(" joined #lobby");
    private static final byte[] LEFT = Bytes.ascii(" left #");
    /** A leave line names the user within its first bytes: "* " + up to 128 bytes of name + " left #". */
    private static final int LEAVE_WINDOW = 2 + 128 + 7;
    private static final String FULL = "! server is full";

    private final String name;
    private final byte[] ownJoin;
    private final EventLoops loops;
    private final LoginListener listener;
    private final Traffic traffic;
    private final SequenceChecker checker;
    private final int senderIndex;
    private final LineSplitter splitter = new LineSplitter();

    private State state = State.AWAIT_PROMPT;
    private LoopStats stats;
    private Channel channel;
    private Sender sender;
    private long readNanos;
    /** What failed the connection, if it failed rather than was closed. */
    private Throwable failure;

    /** @param senderIndex this user's sender index, or -1 if it only receives */
    BenchUser(String name, int senderIndex, Traffic traffic, EventLoops loops, LoginListener listener) {
        this.name = name;
        this.ownJoin = Bytes.ascii("* " + name + " joined #lobby");
        this.senderIndex = senderIndex;
        this.traffic = traffic;
        this.checker = traffic.senders() > 0 ? new SequenceChecker(traffic.senders()) : null;
        this.loops = loops;
        this.listener = listener;
    }

    /** Messages that never reached this user, given how many each sender sent. */
    long lostGiven(int[] sentPerSender) {
        return checker == null ? 0 : checker.lostGiven(sentPerSender);
    }

    /** Closes the connection as part of ending the run, so that it is not counted as a disconnect. */
    void close() {
        state = State.CLOSING;
        if (sender != null) sender.stop();
        if (channel != null) channel.close();
    }

    @Override
    public void channelRegistered(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        stats = loops.statsOf(channel.eventLoop());
        stats.users.add(this);
        if (senderIndex >= 0) {
            sender = new Sender(senderIndex, channel, traffic.timeBase(), traffic.textBytes());
            stats.senders.add(sender);
        }
        ctx.fireChannelRegistered();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            readNanos = System.nanoTime();
            splitter.feed(in, this);
        } finally {
            in.release();
        }
        if (state == State.AWAIT_PROMPT && splitter.tailEquals(PROMPT)) {
            splitter.clearTail();
            state = State.LOGGING_IN;
            ctx.writeAndFlush(ctx.alloc().buffer().writeBytes(Bytes.ascii(name + "\n")), ctx.voidPromise());
        }
    }

    @Override
    public void onLine(ByteBuf buf, int from, int to) {
        if (state == State.READY) {
            onRoomLine(buf, from, to);
        } else if (state == State.LOGGING_IN && Bytes.equals(buf, from, to, ownJoin)) {
            state = State.READY;
            stats.joinLines++;
            listener.loggedIn(this);
        } else if (state != State.CLOSING && to > from && buf.getByte(from) == '!') {
            String line = Bytes.text(buf, from, to);
            state = State.CLOSING;
            listener.failed(this, LoginListener.Failure.REFUSED, line.startsWith(FULL)
                    ? "server refused " + name + ": " + line.substring(2) + " (start it with a larger --max-users)"
                    : "server refused " + name + ": " + line.substring(2));
        }
    }

    private void onRoomLine(ByteBuf buf, int from, int to) {
        byte first = to > from ? buf.getByte(from) : 0;
        if (first == '*') {
            if (Bytes.endsWith(buf, from, to, JOINED_LOBBY)) {
                stats.joinLines++;
            } else if (Bytes.contains(buf, from, Math.min(to, from + LEAVE_WINDOW), LEFT)) {
                stats.leaveLines++;
                if (stats.firstLeaveLine == null) stats.firstLeaveLine = Bytes.text(buf, from, to);
            }
        } else if (first == '!') {
            stats.errorLines++;
        } else if (checker != null && BenchMessage.parse(buf, from, to, stats.parsed)) {
            onMessage(stats.parsed);
        } else {
            stats.unparsed++;
        }
    }

    private void onMessage(ParsedMessage m) {
        SequenceChecker.Outcome outcome = checker.accept(m.sender, m.seq);
        if (outcome == SequenceChecker.Outcome.UNKNOWN_SENDER) {
            stats.unparsed++;
            return;
        }
        if (m.sender == senderIndex) sender.onEcho(m.seq);
        stats.deliveries++;
        stats.latency.record(readNanos - traffic.timeBase() - m.sentNanos);
        if (readNanos < stats.firstDeliveryNanos) stats.firstDeliveryNanos = readNanos;
        if (readNanos > stats.lastDeliveryNanos) stats.lastDeliveryNanos = readNanos;
        switch (outcome) {
            case IN_ORDER -> stats.accounted++;
            case AFTER_GAP -> {
                stats.accounted += 1 + checker.lastSkipped();
                stats.lost += checker.lastSkipped();
            }
            case OUT_OF_ORDER -> stats.outOfOrder++;
            default -> throw new IllegalStateException(outcome.name());
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (sender != null && ctx.channel().isWritable()) sender.onWritable();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (sender != null) sender.stop();
        if (state == State.READY) {
            stats.disconnects++;
        } else if (state != State.CLOSING) {
            if (failure != null) {
                listener.failed(this, LoginListener.Failure.RESET,
                        "connection of " + name + " failed before login: " + failure.getMessage());
            } else {
                listener.failed(this, LoginListener.Failure.CLOSED, "server closed the connection of " + name + " before login");
            }
        }
        state = State.CLOSING;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (stats != null && state == State.READY) stats.lastError = name + ": " + cause.getMessage();
        if (failure == null) failure = cause;
        ctx.close();
    }
}
