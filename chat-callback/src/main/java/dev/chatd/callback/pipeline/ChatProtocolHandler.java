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
 * on the client meanwhile. No line is dropped and no other connection waits.
 *
 * <p>The output budget: before its token, a line looks at the server's own backlog
 * ({@link OutputBudget}); while that is over the budget the line waits the same way, unread lines
 * behind it, until the writers have caught up. This is the one wait that every connection shares,
 * and it ends by itself: it only counts output the kernel is taking.
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
    /** The line that found no token or no room in the output budget, while reading is paused; else null. */
    private Object waitingLine;
    /** The wake-up the output budget will run for {@link #waitingLine}; a stale one finds another here and does nothing. */
    private Runnable budgetWake;
    /** When {@link #waitingLine} is handled. */
    private ScheduledFuture<?> tokenDue;
    /** Closes the connection if no name is accepted in time; null when there is no limit or once logged in. */
    private ScheduledFuture<?> loginDeadline;
    /** Refused, quit, EOF or shutdown: what the client still sends is read and dropped. */
    private boolean done;
    /** EOF seen: the lines still held are no longer paced, by the rate or the budget ({@link InputRate}'s rule). */
    private boolean inputEnded;
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
            loginDeadline = ctx.executor().schedule(this::loginTimedOut, loginTimeout.toNanos(), TimeUnit.NANOSECONDS);
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
        if (hub.outputBudget().exceeded() && !inputEnded) {
            // FlowControlHandler passes nothing more on until auto-read is back on: waitingLine is the only one.
            ctx.channel().config().setAutoRead(false);
            waitForBudget(ctx, msg);
            return;
        }
        long wait = inputRate.acquire();
        if (wait == 0) {
            handle(msg);
            return;
        }
        ctx.channel().config().setAutoRead(false);
        waitForToken(ctx, msg, wait);
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

    private void handle(Object msg) {
        if (msg instanceof String) {
            String line = (String) msg;
            if (user == null) {
                logIn(line);
            } else if (user.handle(line) == Next.CLOSE) {
                finish(LeaveReason.QUIT); // the user has left and been sent "* bye"
            }
        } else if (msg == LineTooLong.INSTANCE) {
            if (user == null) {
                hub.lineTooLongAtPrompt(connection);
            } else {
                user.lineTooLong();
            }
        } else if (msg instanceof UnterminatedLine last && user != null) {
            // At the name prompt half a name is no login attempt: it is dropped, and the EOF behind it ends the connection.
            if (user.handle(last.text()) == Next.CLOSE) {
                finish(LeaveReason.QUIT);
            }
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
     * The writers have caught up: the paused line goes on to its token, as if just read; unless the
     * lines of the readers woken before it have filled the budget again (every waiter is woken at
     * once, so each looks for itself: the excess is at most one line per I/O thread).
     */
    private void onBudgetCaughtUp(ChannelHandlerContext ctx, Runnable wake) {
        if (budgetWake != wake) {
            return; // EOF or the close handled the line already
        }
        budgetWake = null;
        Object line = waitingLine;
        waitingLine = null;
        if (hub.outputBudget().exceeded() && !inputEnded) {
            waitForBudget(ctx, line);
            return;
        }
        long wait = inputRate.acquire();
        if (wait > 0) {
            waitForToken(ctx, line, wait);
            return;
        }
        handle(line);
        ctx.channel().config().setAutoRead(true);
    }

    private void waitForToken(ChannelHandlerContext ctx, Object msg, long nanos) {
        waitingLine = msg;
        tokenDue = ctx.executor().schedule(() -> onTokenDue(ctx), nanos, TimeUnit.NANOSECONDS);
    }

    /** The paused line's token should be there: handle it, then let the held lines flow again. */
    private void onTokenDue(ChannelHandlerContext ctx) {
        long wait = inputRate.acquire();
        if (wait > 0) {
            tokenDue = ctx.executor().schedule(() -> onTokenDue(ctx), wait, TimeUnit.NANOSECONDS);
            return;
        }
        Object line = waitingLine;
        waitingLine = null;
        tokenDue = null;
        handle(line);
        // FlowControlHandler now passes on what it holds, line by line, until one finds no token again.
        ctx.channel().config().setAutoRead(true);
    }

    /**
     * EOF or half-close: handle every line already read, leave, flush what is owed, close.
     *
     * <p>Lines held back by throttling are handled at once, the rule {@link InputRate} states: there
     * is nothing left to hold back by not reading. It also keeps the epoll transport's bug away (see {@link NoReadAfterEofHandler}):
     * all of this runs while the EOF event is being delivered, when the socket is still in epoll, so
     * the flush can still ask to be told when the socket is writable.
     */
    private void endOfInput(ChannelHandlerContext ctx) {
        inputRate.inputEnded();
        inputEnded = true;
        if (done) {
            return;
        }
        if (waitingLine != null) {
            Object line = waitingLine;
            cancelWaitingLine();
            handle(line);
        }
        // FlowControlHandler hands over what it holds now; channelRead no longer throttles.
        ctx.channel().config().setAutoRead(true);
        if (done) {
            return; // one of those lines was /quit
        }
        if (user != null) {
            user.leave(LeaveReason.CONNECTION_CLOSED);
        }
        finish(LeaveReason.CONNECTION_CLOSED);
    }

    private void finish(LeaveReason reason) {
        done = true;
        connection.closeAfterFlush(reason);
    }

    /** Still at the name prompt when the login timeout ran out: say so, flush, close; no trace is left. */
    private void loginTimedOut() {
        loginDeadline = null;
        if (user != null || done) {
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
        budgetWake = null;
        waitingLine = null;
    }
}
