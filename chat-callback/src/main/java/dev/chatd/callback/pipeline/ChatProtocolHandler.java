package dev.chatd.callback.pipeline;

import dev.chatd.common.closing.Failure;
import dev.chatd.common.flow.InputRate;
import dev.chatd.common.output.OutputBudget;
import dev.chatd.common.room.ChatHub;
import dev.chatd.common.room.LeaveReason;
import dev.chatd.common.room.Login;
import dev.chatd.common.room.Next;
import dev.chatd.common.room.User;
import dev.chatd.common.server.ConnectionLog;
import dev.chatd.common.wire.TelnetEvent;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat protocol in callback style: one instance per connection reacts to the channel's events
 * by driving the common room model ({@link ChatHub}, {@link User}), which decides everything that
 * is said. Lines arrive decoded ({@code String}), as {@link LineTooLong#INSTANCE}, or at the very
 * end as an {@link UnterminatedLine}; telnet requests arrive as {@link TelnetEvent}s in between.
 *
 * <p>Throttling: each line takes a token ({@link InputRate}). A line that
 * finds none turns auto-read off and is handled when a token is due; the
 * {@link io.netty.handler.flow.FlowControlHandler} upstream holds the lines already read and
 * releases them one by one once auto-read is back on, and the kernel's receive window pushes back
 * on the client meanwhile. No line is dropped and no other connection waits. A line waits the
 * same way, before its token, while too many of the user's own events are still on their way back
 * ({@link User#readyForNextLine}: a cluster's pacing by echo); what ends that wait happens on
 * another thread, and is handed back to this channel's event loop.
 *
 * <p>The output budget: after that and before its token, a line looks at the server's unsent
 * output as a whole ({@link OutputBudget}); while that is over the budget the line waits the same
 * way, until readers have caught up. It is the one wait every connection shares; readers who take
 * nothing cannot make it last, since the budget cuts them as too slow after its stall.
 *
 * <p>A line that would take the user out of their room ({@code /join}, {@code /quit}) while their
 * own last lines are still on their way back (a cluster's) waits the same way, after its token,
 * and is handed to the user again once those are back ({@link Next#SETTLE}); so does the end of
 * the input before the user leaves. No thread waits for Redis.
 *
 * <p>Why not the pull pattern (auto-read off for good, {@code ctx.read()} once a token is due, as
 * Netty's proxy example does): tried, and dropped. Netty 4.2's FlowControlHandler counts a read
 * request as answered when a read completes, even one that brought only part of a line, so the
 * handler would need a flag and a re-read of its own; a read must not be asked for inline (a paste
 * would nest one {@code channelRead} per line), so each line would cost a task; and every socket
 * read would re-arm epoll. At full speed the fan-out run went several times slower.
 *
 * <p>All methods run on the channel's event loop, so the fields need no locking.
 */
public final class ChatProtocolHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ChatProtocolHandler.class);

    private final ChatHub hub;
    private final LoopDrains drains;
    private final InputRate inputRate;
    /** Null until the hub admits the connection, and for good if it refuses. */
    private ChannelConnection connection;
    /** Null until a name is accepted. */
    private User user;
    /** The line that found too many own events in flight, the output budget over, or no token, while reading is paused; else null. */
    private Object waitingLine;
    /** The wake-up the output budget will run for {@link #waitingLine}; a stale one finds another here and does nothing. */
    private Runnable budgetWake;
    /** When {@link #waitingLine} is handled. */
    private ScheduledFuture<?> tokenDue;
    /** When {@link #waitingLine} may take its token: fewer own events in flight ({@link User#whenReadyForNextLine}). */
    private CompletableFuture<Void> ownEventsBack;
    /**
     * When the user may leave their room ({@link User#whenOwnEventsSettled}): for {@link #waitingLine}
     * (a {@code /join} or {@code /quit} that found their own last lines still on their way), or,
     * with no line, for the end of the input, which then takes the user out.
     */
    private CompletableFuture<Void> settling;
    /** Closes the connection if no name is accepted in time; null when there is no limit or once logged in. */
    private ScheduledFuture<?> loginDeadline;
    /** Refused, quit, EOF or shutdown: what the client still sends is read and dropped. */
    private boolean done;
    private ConnectionLog connectionLog;

    public ChatProtocolHandler(ChatHub hub, LoopDrains drains) {
        this.hub = hub;
        this.drains = drains;
        this.inputRate = new InputRate(hub.config(), hub.metrics());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ChannelConnection candidate = new ChannelConnection(ctx.channel(), hub.config(), hub.metrics(),
                drains.on(ctx.channel().eventLoop()), hub.outputBudget());
        if (!hub.admit(candidate)) {
            done = true;
            ConnectionLog.refused(candidate.remote(), hub.isShuttingDown());
            // Nothing else is ever queued for this channel, so writing directly keeps every order.
            ctx.writeAndFlush(Unpooled.wrappedBuffer(hub.refusalReply())).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        connection = candidate;
        connectionLog = ConnectionLog.opened(connection.remote());
        hub.greet(connection);
        Duration loginTimeout = hub.config().loginTimeout();
        if (!loginTimeout.isZero()) {
            loginDeadline = ctx.executor().schedule(() -> loginTimedOut(ctx), loginTimeout.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof TelnetEvent event) {
            // Never throttled: it comes after every line before it, which is all its order asks.
            if (connection != null) hub.telnet(connection, event);
            return;
        }
        if (done) {
            return; // read anyway: closing on unread input would reset the connection and lose our last lines
        }
        proceed(ctx, msg);
    }

    /**
     * Passes a line through the waits, in their order: the user's own events in flight, the
     * server's output budget, the line's token; handles it once none holds it, and returns true
     * if that was now. A wait turns auto-read off (FlowControlHandler then passes nothing more on,
     * so the waiting line is the only one) and comes back here on this loop. After EOF only the
     * token is asked for, and it is always there ({@link InputRate}'s end-of-input rule).
     */
    private boolean proceed(ChannelHandlerContext ctx, Object msg) {
        if (!inputRate.hasEnded()) {
            if (user != null && !user.readyForNextLine()) {
                ctx.channel().config().setAutoRead(false);
                waitForOwnEvents(ctx, msg);
                return false;
            }
            if (hub.outputBudget().exceeded()) {
                ctx.channel().config().setAutoRead(false);
                waitForBudget(ctx, msg);
                return false;
            }
        }
        long wait = inputRate.acquire();
        if (wait > 0) {
            ctx.channel().config().setAutoRead(false);
            waitForToken(ctx, msg, wait);
            return false;
        }
        handle(ctx, msg);
        return waitingLine == null; // else it waits for the user's own lines to settle
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            endOfInput(ctx);
        } else if (evt == ServerShutdown.FLUSH_AND_CLOSE) {
            if (connection != null) {
                connection.closeAfterFlush(LeaveReason.SHUTDOWN);
            } else {
                ctx.close();
            }
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        done = true;
        cancelWaitingLine();
        cancelLoginDeadline();
        if (connection == null) {
            return;
        }
        LeaveReason reason = connection.closeReason().orElse(LeaveReason.CONNECTION_CLOSED);
        if (user != null) {
            user.leave(reason);
        }
        hub.release(connection);
        connectionLog.closed(user == null ? null : user.name(), reason);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable thrown) {
        done = true; // nothing read after an error is acted on
        Failure failure = connection != null ? connection.closeReason().recordFailure(thrown) : Failure.of(thrown);
        failure.log(log, ConnectionLog.format(ctx.channel().remoteAddress()), thrown);
        ctx.close();
    }

    private void handle(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof String) {
            String line = (String) msg;
            if (user == null) {
                logIn(line);
            } else {
                act(ctx, msg, user.handle(line));
            }
        } else if (msg == LineTooLong.INSTANCE) {
            if (user == null) {
                hub.lineTooLongAtPrompt(connection);
            } else {
                user.lineTooLong();
            }
        } else if (msg instanceof UnterminatedLine last && user != null) {
            // At the name prompt half a name is no login attempt: it is dropped, and the EOF behind it ends the connection.
            act(ctx, msg, user.handle(last.text()));
        }
    }

    private void act(ChannelHandlerContext ctx, Object msg, Next next) {
        if (next == Next.CLOSE) {
            finish(LeaveReason.QUIT); // the user has left and been sent "* bye"
        } else if (next == Next.SETTLE) {
            ctx.channel().config().setAutoRead(false);
            waitingLine = msg;
            // Later, as a task, even if they are back already: not inside FlowControlHandler's hand-over.
            settleThen(ctx, () -> onSettled(ctx), false);
        }
    }

    /**
     * Runs {@code then} on this loop once the user's own last lines are back (inline if they are
     * and {@code inlineIfBack}), unless the wait is called off meanwhile (the channel closed).
     */
    private void settleThen(ChannelHandlerContext ctx, Runnable then, boolean inlineIfBack) {
        CompletableFuture<Void> settled = user.whenOwnEventsSettled();
        if (inlineIfBack && settled.isDone()) {
            then.run();
            return;
        }
        settling = settled;
        // Completed on the thread that reported the last one back: go on on this channel's loop.
        settled.thenRun(() -> ctx.executor().execute(() -> {
            if (settling != settled) {
                return; // called off: the channel closed
            }
            settling = null;
            then.run();
        }));
    }

    /** The user's own last lines are back: the line that waited for them is handled now. */
    private void onSettled(ChannelHandlerContext ctx) {
        Object line = waitingLine;
        waitingLine = null;
        if (line == null || done) {
            return;
        }
        handle(ctx, line);
        if (waitingLine != null || done) {
            return;
        }
        if (inputRate.hasEnded()) {
            afterEndOfInput(ctx); // the input ended meanwhile: on with the rest of it
        } else {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void logIn(String line) {
        if (hub.login(connection, line) instanceof Login.Accepted accepted) {
            user = accepted.user();
            cancelLoginDeadline();
            log.debug("{} is {}", connection.remote(), user.name());
        }
    }

    private void waitForBudget(ChannelHandlerContext ctx, Object msg) {
        hub.metrics().outputBudgetPause();
        waitingLine = msg;
        Runnable wake = new Runnable() {
            @Override
            public void run() {
                ctx.executor().execute(() -> onBudgetCaughtUp(ctx, this));
            }
        };
        budgetWake = wake;
        hub.outputBudget().whenCaughtUp(wake);
    }

    /**
     * The readers have caught up: the paused line goes through the waits again, as if just read
     * (every waiter is woken at once, so each looks for itself; the excess is at most one line per
     * I/O thread).
     */
    private void onBudgetCaughtUp(ChannelHandlerContext ctx, Runnable wake) {
        if (budgetWake != wake) {
            return; // EOF or the close handled the line already
        }
        budgetWake = null;
        resumeWaitingLine(ctx);
    }

    private void waitForToken(ChannelHandlerContext ctx, Object msg, long nanos) {
        waitingLine = msg;
        tokenDue = ctx.executor().schedule(() -> onTokenDue(ctx), nanos, TimeUnit.NANOSECONDS);
    }

    private void waitForOwnEvents(ChannelHandlerContext ctx, Object msg) {
        waitingLine = msg;
        CompletableFuture<Void> back = user.whenReadyForNextLine();
        ownEventsBack = back;
        // Completed on the thread that reported the event back (a cluster's stream reader): the
        // line is handled on this channel's loop, as everything here is.
        back.thenRun(() -> ctx.executor().execute(() -> onOwnEventsBack(ctx, back)));
    }

    /** Few enough own events are in flight for the paused line: it goes on through the waits. */
    private void onOwnEventsBack(ChannelHandlerContext ctx, CompletableFuture<Void> back) {
        if (ownEventsBack != back) {
            return; // the wait was called off: input ended, or the channel closed
        }
        ownEventsBack = null;
        resumeWaitingLine(ctx);
    }

    /** The paused line's token should be there: it goes on through the waits. */
    private void onTokenDue(ChannelHandlerContext ctx) {
        tokenDue = null;
        resumeWaitingLine(ctx);
    }

    /** Once handled, FlowControlHandler passes on what it holds, line by line, until one must wait again. */
    private void resumeWaitingLine(ChannelHandlerContext ctx) {
        Object line = waitingLine;
        waitingLine = null;
        if (proceed(ctx, line)) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    /**
     * EOF or half-close: handle every line already read, leave, flush what is owed, close.
     *
     * <p>Lines held back by throttling or by the own-events bound are handled at once, the rule
     * {@link InputRate} states: there is nothing left to hold back by not reading. It also keeps
     * the epoll transport's bug away (see {@link NoReadAfterEofHandler}): all of this runs while
     * the EOF event is being delivered, when the socket is still in epoll, so the flush can still
     * ask to be told when the socket is writable.
     */
    private void endOfInput(ChannelHandlerContext ctx) {
        inputRate.inputEnded();
        if (done || settling != null) {
            return; // a line waiting for the user's own lines goes on from onSettled, and the rest after it
        }
        if (waitingLine != null) {
            Object line = waitingLine;
            cancelWaitingLine();
            handle(ctx, line);
            if (waitingLine != null || done) {
                return;
            }
        }
        afterEndOfInput(ctx);
    }

    /**
     * The rest of the end of the input, once no line waits: every line still held is handled,
     * then the user leaves, once their own last lines are back, and the connection is flushed and
     * closed.
     */
    private void afterEndOfInput(ChannelHandlerContext ctx) {
        // FlowControlHandler hands over what it holds now; channelRead no longer throttles.
        ctx.channel().config().setAutoRead(true);
        if (done || waitingLine != null) {
            return; // one of those lines was /quit, or one waits for the user's own lines
        }
        if (user == null) {
            finish(LeaveReason.CONNECTION_CLOSED);
            return;
        }
        settleThen(ctx, () -> {
            if (done) {
                return;
            }
            user.leave(LeaveReason.CONNECTION_CLOSED);
            finish(LeaveReason.CONNECTION_CLOSED);
        }, true);
    }

    private void finish(LeaveReason reason) {
        done = true;
        connection.closeAfterFlush(reason);
    }

    /** Still at the name prompt when the login timeout ran out: say so, flush, close; no trace is left. */
    private void loginTimedOut(ChannelHandlerContext ctx) {
        loginDeadline = null;
        if (user != null || done) {
            return;
        }
        if (!hub.loginTimeoutMayClose(waitingLine != null)) {
            long again = hub.config().loginTimeout().toNanos();
            loginDeadline = ctx.executor().schedule(() -> loginTimedOut(ctx), again, TimeUnit.NANOSECONDS);
            return;
        }
        done = true;
        cancelWaitingLine();
        hub.loginTimedOut(connection);
        connection.closeAfterFlush(LeaveReason.LOGIN_TIMEOUT);
    }

    private void cancelLoginDeadline() {
        if (loginDeadline != null) {
            loginDeadline.cancel(false);
            loginDeadline = null;
        }
    }

    private void cancelWaitingLine() {
        if (tokenDue != null) {
            tokenDue.cancel(false);
            tokenDue = null;
        }
        ownEventsBack = null; // what completes it later finds it called off
        settling = null;
        budgetWake = null;
        waitingLine = null;
    }
}
