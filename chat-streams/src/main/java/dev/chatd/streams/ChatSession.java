package dev.chatd.streams;

import dev.chatd.common.closing.Failure;
import dev.chatd.common.config.ChatConfig;
import dev.chatd.common.flow.InputRate;
import dev.chatd.common.output.OutputBudget;
import dev.chatd.common.room.ChatHub;
import dev.chatd.common.room.LeaveReason;
import dev.chatd.common.room.Login;
import dev.chatd.common.room.Next;
import dev.chatd.common.room.User;
import dev.chatd.common.server.ConnectionLog;
import java.io.EOFException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's whole life, written as one chain of futures that reads like the blocking
 * version: admit (or refuse), greet, ask for a name until one is taken, handle lines until EOF or
 * {@code /quit}, leave, flush, close, release. Where the session is is where the chain is, and
 * why it ended is the value the chain ends with; the few fields only let the side waits (the
 * login timeout, the budget, a leave waiting for the user's own lines) see where the chain is.
 */
final class ChatSession {

    private static final Logger log = LoggerFactory.getLogger(ChatSession.class);

    private final ChatHub hub;
    private final SocketConnection connection;
    private final LineReader reader;
    private final LineWriter writer;
    private final InputRate inputRate;
    private final Executor executor;
    private final Duration grace;

    /** The session waits for the output budget before reading its next line; for the login timeout. */
    private volatile boolean waitingForBudget;
    /** The session has ended: a login timeout looked at again later finds nothing to close. Guarded by loginLock. */
    private boolean ended;
    /** Guards the race between a name being accepted and the login timeout running out. */
    private final Object loginLock = new Object();
    private boolean loggedIn; // guarded by loginLock
    private boolean loginTimedOut; // guarded by loginLock
    /**
     * Completes with true when the login timeout runs out, or false as soon as the session no
     * longer needs it; completing it early also cancels its timer, so nothing holds the session.
     */
    private final CompletableFuture<Boolean> loginDeadline = new CompletableFuture<>();
    /**
     * Completes once reading has found the end of the input, which then ends the pacing (the rule
     * {@link InputRate} states); made by the first wait that needs it ({@link #inputEndSeen()}),
     * so an idle session holds none. One per session, so the waits that race it (each an
     * {@code anyOf}, which cleans up after itself) leave nothing behind on the reader's future.
     * Only the session's chain touches it, one step at a time.
     */
    private CompletableFuture<Void> inputEndSeen;
    /**
     * The line that waits for the user's own last lines to come back before it is handed over
     * again ({@link #act}); null almost always. A field rather than a step of the chain, so an idle
     * session's pending read carries no extra stage. Only the session's chain touches it.
     */
    private String settlingLine;
    /** The input has ended and the user leaves once their own last lines are back; only the chain touches it. */
    private boolean inputEnded;

    /** How a session ended: who (if anyone logged in) and why. */
    private record Ending(String name, LeaveReason reason) {}

    /**
     * @param executor the session pool: runs the chain from each completed read on, and the
     *                 session's delayed steps (throttled reads, the login timeout); never the
     *                 channel group's I/O pool, whose queue must stay short (see {@link StreamsServer})
     */
    ChatSession(ChatHub hub, SocketConnection connection, Executor executor) {
        ChatConfig config = hub.config();
        this.hub = hub;
        this.connection = connection;
        this.reader = connection.reader();
        this.writer = connection.writer();
        this.inputRate = new InputRate(config, hub.metrics());
        this.executor = executor;
        this.grace = config.shutdownGrace();
    }

    /** Runs the session; the future completes once the socket is closed and the slot released. */
    CompletableFuture<Void> run() {
        if (!hub.admit(connection)) {
            return refuse();
        }
        ConnectionLog entry = ConnectionLog.opened(connection.remote());
        startLoginDeadline();
        hub.greet(connection);
        return writer.drain()
                .thenCompose(greeted -> logIn())
                .thenCompose(this::chatUntilGone)
                .exceptionally(failure -> new Ending(null, reasonFor(failure))) // gone before a name was taken
                .thenCompose(ending -> closeAndRelease(ending, entry));
    }

    /** Asks for a name until one is accepted; fails if the connection ends first. */
    private CompletableFuture<User> logIn() {
        // readCompleteLine: half a name left when input ends is no login attempt (docs/protocol.md).
        return Loops.loop(() -> nextLine(reader::readCompleteLine).handle((line, failure) -> {
            if (failure != null) {
                if (unwrap(failure) instanceof LineTooLongException) {
                    hub.lineTooLongAtPrompt(connection);
                    return writer.drain().thenApply(written -> Optional.<User>empty());
                }
                return CompletableFuture.<Optional<User>>failedFuture(unwrap(failure));
            }
            if (line == null) {
                return CompletableFuture.<Optional<User>>failedFuture(new EOFException("closed at the name prompt"));
            }
            Login login;
            synchronized (loginLock) {
                if (loginTimedOut) {
                    return CompletableFuture.<Optional<User>>failedFuture(new EOFException("login timed out"));
                }
                login = hub.login(connection, line);
                loggedIn = login instanceof Login.Accepted;
            }
            if (login instanceof Login.Accepted accepted) {
                loginDeadline.complete(false);
                return CompletableFuture.completedFuture(Optional.of(accepted.user()));
            }
            return writer.drain().thenApply(written -> Optional.<User>empty()); // the hub sent why, and the prompt
        }).thenCompose(Function.identity()));
    }

    /**
     * Closes the connection if it is still at the name prompt when the login timeout runs out: the
     * notice is flushed, the socket closed, and the pending read fails, which ends the session
     * without a trace (it never had a name).
     */
    private void startLoginDeadline() {
        Duration timeout = hub.config().loginTimeout();
        if (timeout.isZero()) {
            return;
        }
        loginDeadline.completeOnTimeout(true, timeout.toNanos(), TimeUnit.NANOSECONDS)
                .thenAcceptAsync(ranOut -> {
                    if (ranOut) {
                        timeOutLogin();
                    }
                }, executor);
    }

    private void timeOutLogin() {
        if (!hub.loginTimeoutMayClose(waitingForBudget)) {
            Duration again = hub.config().loginTimeout();
            CompletableFuture.delayedExecutor(again.toNanos(), TimeUnit.NANOSECONDS, executor).execute(this::timeOutLogin);
            return;
        }
        synchronized (loginLock) {
            if (loggedIn || ended) {
                return;
            }
            loginTimedOut = true;
            // Before the login loop can see the flag and end the session, so the log says why.
            connection.closeReason().record(LeaveReason.LOGIN_TIMEOUT);
        }
        hub.loginTimedOut(connection);
        connection.closeBecause(LeaveReason.LOGIN_TIMEOUT, grace);
    }

    /**
     * Handles the user's lines until EOF, {@code /quit} or a failure; then takes the user out. A
     * leave waits (as a future, no thread held) for the user's own last lines on their way back
     * (a cluster's), so they see them: {@link #act} for {@code /join} and {@code /quit},
     * {@link #chat} for the end of the input.
     */
    private CompletableFuture<Ending> chatUntilGone(User user) {
        return chat(user)
                .exceptionally(this::reasonFor)
                .thenApply(reason -> {
                    user.leave(reason);
                    return new Ending(user.name(), reason);
                });
    }

    private CompletableFuture<LeaveReason> chat(User user) {
        return Loops.loop(() -> {
            if (settlingLine != null) return actOnceSettled(user);
            if (inputEnded) return onSessionPool(user.whenOwnEventsSettled()).thenApply(settled -> Optional.of(endReason()));
            return nextLine(user, reader::readLine).handle((line, failure) -> {
                if (failure != null) {
                    if (unwrap(failure) instanceof LineTooLongException) {
                        user.lineTooLong();
                        return Optional.empty();
                    }
                    throw new CompletionException(unwrap(failure));
                }
                if (line == null) {
                    // A plain end of the input: the client may still read, so the user leaves once
                    // their own last lines are back (the loop's next step). After a close of the
                    // server's own (a reason recorded) nobody is there to see them.
                    if (connection.closeReason().isRecorded() || user.ownEventsSettled()) return Optional.of(endReason());
                    inputEnded = true;
                    return Optional.empty();
                }
                return act(user, line);
            });
        });
    }

    private LeaveReason endReason() {
        return connection.closeReason().orElse(LeaveReason.CONNECTION_CLOSED);
    }

    /**
     * Hands the line to the user. One that would take them out of their room while their own last
     * lines are on their way back ({@link Next#SETTLE}) is kept, and the loop's next step hands it
     * over again once those are back ({@link #actOnceSettled}), reading nothing meanwhile.
     */
    private Optional<LeaveReason> act(User user, String line) {
        Next next = user.handle(line);
        if (next == Next.SETTLE) {
            settlingLine = line;
            return Optional.empty();
        }
        return next == Next.CLOSE ? Optional.of(LeaveReason.QUIT) : Optional.empty();
    }

    private CompletableFuture<Optional<LeaveReason>> actOnceSettled(User user) {
        return onSessionPool(user.whenOwnEventsSettled()).thenApply(settled -> {
            String line = settlingLine;
            settlingLine = null;
            return act(user, line);
        });
    }

    /** Flushes what the connection is still owed (within the grace), closes it, frees its slot. */
    private CompletableFuture<Void> closeAndRelease(Ending ending, ConnectionLog entry) {
        loginDeadline.complete(false);
        synchronized (loginLock) {
            ended = true;
        }
        return writer.close(grace).whenComplete((closed, failure) -> {
            hub.release(connection);
            entry.closed(ending.name(), ending.reason());
        });
    }

    /** Not admitted: one line, then close. The slot was never taken, so nothing is released. */
    private CompletableFuture<Void> refuse() {
        ConnectionLog.refused(connection.remote(), hub.isShuttingDown());
        writer.write(hub.refusalReply());
        return writer.close(grace);
    }

    /** The next line at the name prompt: no user yet, so no own events in flight. */
    private CompletableFuture<String> nextLine(Supplier<CompletableFuture<String>> read) {
        return nextLine(null, read);
    }

    /**
     * The next line, once few enough of the user's own events are on their way back
     * ({@link User#readyForNextLine}: in a cluster their echo is still in Redis), this
     * connection's own output is within its limit, the server's unsent output as a whole within
     * its budget ({@link OutputBudget}), and the input rate allows it. Every wait happens before
     * reading on (and the budget's once more when the line has come), so TCP pushes back on the sender: a flooder whose echo piles up floods at the
     * pace its echo reaches the kernel (the callback server drains such a backlog at once, on its
     * loop). The own events first: the output checks then count the echoes that ended that wait.
     * While it waits for own events, the budget or a token, the reader reads ahead (up to 16 KiB of
     * lines): if that finds the end of the input, the wait ends and what is held is no longer paced
     * ({@link InputRate}).
     */
    private CompletableFuture<String> nextLine(User user, Supplier<CompletableFuture<String>> read) {
        CompletableFuture<String> line = onSessionPool(ownEventsBack(user)
                .thenCompose(back -> ownBacklogDrained())
                .thenCompose(drained -> serverCaughtUp())
                .thenCompose(caughtUp -> inputToken())
                .thenCompose(allowed -> read.get()));
        // The line waits for the budget once more when it comes, as the callback server's lines
        // do: the look above came before the read, and the budget may have filled since. In a
        // connect storm every connection passed it on arrival, before the logins ahead of it filled
        // the budget, and each login brings the newcomer a users line of the whole room.
        return line.thenCompose(next -> next == null
                ? CompletableFuture.completedFuture(null)
                : serverCaughtUp().thenApply(caughtUp -> next));
    }

    /**
     * Done at once unless the server's unsent output is over its budget; then once readers have
     * caught up ({@link OutputBudget}), or the input has ended. The one wait every connection
     * shares: no line is read meanwhile, so no more output is made than readers take.
     */
    private CompletableFuture<Void> serverCaughtUp() {
        OutputBudget budget = hub.outputBudget();
        if (inputRate.hasEnded() || !budget.exceeded()) {
            return CompletableFuture.completedFuture(null);
        }
        hub.metrics().outputBudgetPause();
        waitingForBudget = true;
        CompletableFuture<Void> woken = new CompletableFuture<>();
        budget.whenCaughtUp(() -> woken.complete(null));
        reader.readAhead();
        // Completed on the thread whose write released the budget: go on on the session pool.
        // Every waiter is woken at once, so each looks again for itself: the lines of those woken
        // before it may have filled the budget already.
        return onSessionPool(CompletableFuture.anyOf(woken, inputEndSeen())).thenCompose(either -> {
            waitingForBudget = false;
            return serverCaughtUp();
        });
    }

    /**
     * {@code step} itself if it is already done (a line read before: go on on this thread), else
     * a future that completes the same way on the session pool. A read completes on an I/O thread,
     * and what follows it (a login and its join to the whole room, a message and its fan-out) must
     * not hold that thread up: the accepts and the other sockets' completions wait behind it.
     */
    private <T> CompletableFuture<T> onSessionPool(CompletableFuture<T> step) {
        return step.isDone() ? step : step.whenCompleteAsync((value, failure) -> { }, executor);
    }

    private CompletableFuture<Void> ownBacklogDrained() {
        if (!writer.overLimit()) {
            return CompletableFuture.completedFuture(null);
        }
        // A failed drain means the socket is gone; the read that follows says so.
        return writer.drain().exceptionally(failure -> null);
    }

    /** Completes once the user may have their next line handled; at once at the prompt or after the input ended. */
    private CompletableFuture<Void> ownEventsBack(User user) {
        if (user == null || inputRate.hasEnded() || user.readyForNextLine()) {
            return CompletableFuture.completedFuture(null);
        }
        reader.readAhead();
        // Completed on the thread that reported the event back (a cluster's stream reader): go on
        // on the session pool, never on that thread.
        CompletableFuture<Object> either = CompletableFuture.anyOf(user.whenReadyForNextLine(), inputEndSeen());
        return onSessionPool(either).thenApply(back -> null);
    }

    private CompletableFuture<Void> inputToken() {
        long waitNanos = inputRate.acquire();
        if (waitNanos == 0) {
            return CompletableFuture.completedFuture(null);
        }
        Executor later = CompletableFuture.delayedExecutor(waitNanos, TimeUnit.NANOSECONDS, executor);
        CompletableFuture<Void> waited = CompletableFuture.runAsync(() -> { }, later);
        reader.readAhead();
        return CompletableFuture.anyOf(waited, inputEndSeen()).thenCompose(either -> inputToken());
    }

    private CompletableFuture<Void> inputEndSeen() {
        if (inputEndSeen == null) {
            inputEndSeen = reader.inputEnded().thenRun(inputRate::inputEnded);
        }
        return inputEndSeen;
    }

    /** Why the connection ended, given the failure that ended it: a reason recorded earlier wins. */
    private LeaveReason reasonFor(Throwable failure) {
        connection.closeReason().recordFailure(failure).log(log, connection.remote(), failure);
        return connection.closeReason().orElse(LeaveReason.ERROR);
    }

    private static Throwable unwrap(Throwable failure) {
        return Failure.unwrap(failure);
    }

}
