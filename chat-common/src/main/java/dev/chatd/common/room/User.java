package dev.chatd.common.room;

import dev.chatd.common.command.Command;
import dev.chatd.common.command.CommandParser;
import dev.chatd.common.metrics.Rejection;
import dev.chatd.common.output.OutputQueue;
import dev.chatd.common.render.OutputFormat;
import dev.chatd.common.render.RenderedLine;
import dev.chatd.common.render.ServerLine;
import dev.chatd.common.text.Names;
import dev.chatd.common.text.Sanitizer;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A connection that has a name: what the user's lines do, and where lines for the user go.
 *
 * <p>Threading: {@link #handle}, {@link #lineTooLong} and {@link #leave} are called by the
 * connection's own reader, one at a time; they are the only code that changes this user's name or
 * room. {@link #deliver} is called from any thread.
 *
 * <p>Replies go out in the order of the lines they answer, after the user's own events still on
 * their way ({@link OwnLines}); a reply that reads the room ({@code /who}, {@code /history}, the
 * format switch of {@code /json} and {@code /text}) is computed only then, so it sees the room as
 * the user's output has shown it so far: their own join included. Such a reply takes the room's
 * lock and then this user's, the hub's order, and is run by whichever thread made it ready: the
 * reader that asked, or the one whose report of an own event's arrival ({@link #ownEventArrived})
 * let it go. So that report is made holding no lock of the room model.
 */
public final class User {

    /**
     * How long a user leaving a room waits for their own last lines: past a cluster's command
     * timeout (5 s), so a line still on its way has come back, or failed and been reported, by
     * then, even on a machine so busy that a round trip takes seconds (a soak on a loaded 2-core
     * machine saw over 2 s).
     */
    static final long SETTLE_MILLIS = 6_000;

    private final ChatHub hub;
    private final Connection connection;
    private volatile String name;
    private volatile String key;
    private volatile String order;
    private volatile Room room;
    private boolean gone; // reader-thread only
    // Written holding both the room's lock and "this", so reading it holding either is enough: a
    // format switch and the lines around it must not interleave, or a line queued in the old
    // format could follow the "output is now json" notice. Room events hold the room's lock
    // already, so a broadcast takes no lock per member. Volatile as well, for the one case the
    // locks miss: a switch that waited for the user's own events while the link was down may run
    // as the user moves, under the lock of the room they are leaving (see switchFormat).
    private volatile OutputFormat format = OutputFormat.TEXT;
    private final OwnLines own;

    User(ChatHub hub, Connection connection, String name) {
        this.hub = hub;
        this.own = new OwnLines(hub.ownEventBound());
        this.connection = connection;
        this.name = name;
        this.key = Names.key(name);
        this.order = order(name, key);
    }

    /** The name as the user typed it (NFC). */
    public String name() {
        return name;
    }

    /** The look-alike key names are unique by ({@link Names#key}). */
    public String key() {
        return key;
    }

    /** Where the user sorts in a users line: case-insensitively by the name as held. */
    String order() {
        return order;
    }

    /** The room the user is in. */
    public Room room() {
        return room;
    }

    /** Records the room the user is now in; for {@link RoomDirectory} implementations. */
    public void moveTo(Room room) {
        this.room = room;
    }

    /** Takes a new name whose key the hub has already computed, so it is computed once. */
    void rename(String newName, String newKey) {
        this.name = newName;
        this.key = newKey;
        this.order = order(newName, newKey);
    }

    private static String order(String name, String key) {
        // Not the key: skeletons sort oddly (Mallory's is "rnallory"). Two names could lower-case
        // alike yet differ in key, and the room's sorted map must keep both, so the key breaks the
        // tie. NUL never occurs in a name and sorts first, so "ab" still comes before "abc".
        return name.toLowerCase(Locale.ROOT) + '\0' + key;
    }

    Connection connection() {
        return connection;
    }

    /** The format the user reads in now. */
    OutputFormat format() {
        return format;
    }

    /** The room log's sweep: this user's queue closes the connection if it is too far behind. Holding the room's lock. */
    void checkBehind() {
        OutputQueue queue = connection.output();
        if (queue != null) queue.checkBehind();
    }

    /** Queues an already rendered line in this user's format. Holding the lock of its room. */
    void deliver(RenderedLine line) {
        connection.send(line.bytes(format));
    }

    /**
     * Sends a line meant for this user alone, after the user's own room events still on their way
     * (see {@link #expectOwnEvent}), so replies keep the order of the lines they answer.
     */
    public void tell(ServerLine line) {
        own.send(() -> tellNow(line));
    }

    /**
     * Sends a line at once, ahead of anything waiting for the user's own events: for a line that
     * has its place in a room's stream, as the users line right after the user's own join.
     */
    public void tellNow(ServerLine line) {
        synchronized (this) {
            connection.send(hub.renderer().render(line, format));
        }
        hub.metrics().linesDelivered(1);
    }

    /** Sends bytes (a telnet answer) in order after the user's own events still on their way. */
    void sendInOrder(byte[] bytes) {
        own.send(() -> connection.send(bytes));
    }

    /**
     * For a {@link RoomEvents} whose delivery comes later (a cluster's): an event of this user's,
     * which the user will get too, is on its way. Returns its ticket; output to the user waits
     * until {@link #ownEventArrived} is called with it.
     */
    public long expectOwnEvent() {
        return own.expect();
    }

    /**
     * The user's event with that ticket (and every earlier one) has been delivered, or never will
     * be. Replies that waited for it are sent now, on this thread: call it holding no lock of the
     * room model (a room's, a directory's), since a reply may take the room's.
     */
    public void ownEventArrived(long ticket) {
        own.arrived(ticket);
    }

    /**
     * True when the user's next line may be handled now: fewer of their own events are on their way
     * than {@link OwnEventBound} allows, or the room model does not bound them now
     * ({@link RoomEvents#boundsOwnEvents}). Both servers ask before each line they handle and, while
     * it is false, read no more from the user until {@link #whenReadyForNextLine} completes, as they
     * wait for the input rate's token; like that wait, only while the input goes on
     * ({@link dev.chatd.common.flow.InputRate}). In one process nothing is ever on its way when the
     * next line is read, so this is two volatile reads, always true. For the user's reader.
     */
    public boolean readyForNextLine() {
        return own.underBound() || !hub.events().boundsOwnEvents();
    }

    /**
     * Completes once {@link #readyForNextLine} may hold, at once if it does now. It completes on the
     * thread that reported the user's event back (a cluster's stream reader, a Redis client's), so
     * the reader must go on on its own thread (an event loop, a session pool), never inline.
     */
    public CompletableFuture<Void> whenReadyForNextLine() {
        CompletableFuture<Void> ready = own.whenUnderBound();
        // A model that stops bounding calls ownEventBoundLifted after it stops, so a wait that
        // started before that call is released by it, and one that started after sees it here.
        if (!hub.events().boundsOwnEvents()) own.release();
        return ready;
    }

    /**
     * For a {@link RoomEvents} whose store lost the user's events still on their way (a cluster's
     * Redis came back empty): they are taken as arrived, so replies waiting for them go out now and
     * the user is read on. Call it holding no lock of the room model, as {@link #ownEventArrived}.
     */
    public void ownEventsLost() {
        own.allLost();
    }

    /**
     * For a {@link RoomEvents} that has just stopped bounding own events (a cluster's link went
     * down: its lines are held, not on their way): a reader waiting on the bound, or for the user's
     * events to settle, goes on now.
     */
    public void ownEventBoundLifted() {
        own.lift();
    }

    /**
     * True when the user may leave their room now: none of their own events is on its way back
     * (always so in one process), or the room model does not bound them now (a cluster whose link
     * is down holds them; they may be held for long). Else {@link #handle} answers a line that
     * leaves the room ({@code /join}, {@code /quit}) with {@link Next#SETTLE}, and a server waits
     * for {@link #whenOwnEventsSettled} before it takes the user out at the end of the input.
     */
    public boolean ownEventsSettled() {
        return own.allBack() || !hub.events().boundsOwnEvents();
    }

    /**
     * Completes once {@link #ownEventsSettled} holds, with what waited for those events sent: the
     * user has seen their own last lines in the room they are leaving. Bounded: after
     * {@link #SETTLE_MILLIS} the events are taken as arrived. It completes on the thread that
     * reported the last one back (a cluster's stream reader), so the reader goes on on its own
     * thread, never inline. At once, already complete, when nothing is on its way.
     */
    public CompletableFuture<Void> whenOwnEventsSettled() {
        CompletableFuture<Void> settled = own.whenAllBack(SETTLE_MILLIS);
        // As in whenReadyForNextLine: a model that stops bounding lifts the waits after it stops.
        if (!hub.events().boundsOwnEvents()) own.lift();
        return settled;
    }

    /** The shutdown notice: an info line in the user's format, and the last line the user gets. */
    void lastInfo(String text) {
        synchronized (this) {
            connection.sendLast(hub.renderer().render(new ServerLine.Info(text), format));
        }
        hub.metrics().linesDelivered(1);
    }

    /** Sends {@code ! <text>} to this user alone. */
    public void error(String text) {
        tell(new ServerLine.Error(text));
    }

    /** Sends {@code * <text>} to this user alone. */
    public void info(String text) {
        tell(new ServerLine.Info(text));
    }

    /**
     * Acts on one line the user typed (raw, before sanitising) and says whether the connection
     * goes on or should be closed after its output is flushed; or, for a line that would take the
     * user out of their room while their own last lines are still on their way back, does nothing
     * yet and says {@link Next#SETTLE}.
     */
    public Next handle(String rawLine) {
        // Nothing is acted on once shutdown has begun. (Not what keeps its notice the last line:
        // Connection.sendLast does that, whatever a line being handled right now still sends.)
        if (hub.isShuttingDown()) {
            hub.metrics().lineReceived();
            return Next.CONTINUE;
        }
        Command command = CommandParser.parse(Sanitizer.sanitize(rawLine));
        if ((command instanceof Command.Join || command instanceof Command.Quit) && !ownEventsSettled()) {
            return Next.SETTLE; // not counted yet: it is handled, and counted, once it comes again
        }
        hub.metrics().lineReceived();
        if (command instanceof Command.Blank) {
            return Next.CONTINUE;
        } else if (command instanceof Command.Say say) {
            Room here = room;
            String from = name;
            hub.events().publish(here, this, (seq, ts) -> new ServerLine.Message(here.name(), seq, ts, from, say.text()));
        } else if (command instanceof Command.Me me) {
            Room here = room;
            String from = name;
            hub.events().publish(here, this, (seq, ts) -> new ServerLine.Action(here.name(), seq, ts, from, me.action()));
        } else if (command instanceof Command.Msg msg) {
            privateMessage(msg.to(), msg.text());
        } else if (command instanceof Command.Nick nick) {
            changeName(nick.name());
        } else if (command instanceof Command.Join join) {
            join(join.room());
        } else if (command instanceof Command.Who) {
            Room here = room;
            own.send(() -> tellNow(hub.usersOf(here))); // the members once the user's join is back
        } else if (command instanceof Command.History history) {
            replayHistory(history.count());
        } else if (command instanceof Command.Rooms) {
            // A cluster's list comes from its store; one that cannot be asked gets an answer too.
            hub.roomList().whenComplete((rooms, failure) -> {
                if (failure == null) tell(rooms);
                else error(ChatHub.CLUSTER_UNAVAILABLE);
            });
        } else if (command instanceof Command.Help) {
            for (String line : CommandParser.HELP_LINES) info(line);
        } else if (command instanceof Command.Json) {
            switchFormat(OutputFormat.JSON);
        } else if (command instanceof Command.Text) {
            switchFormat(OutputFormat.TEXT);
        } else if (command instanceof Command.Quit) {
            leave(LeaveReason.QUIT);
            info("bye");
            return Next.CLOSE;
        } else if (command instanceof Command.Unknown unknown) {
            hub.metrics().rejected(Rejection.UNKNOWN_COMMAND);
            error("unknown command: " + unknown.word() + " (try /help)");
        } else if (command instanceof Command.Usage usage) {
            hub.metrics().rejected(Rejection.USAGE);
            error(usage.usage());
        }
        return Next.CONTINUE;
    }

    /** The framer dropped an over-long line from this user. */
    public void lineTooLong() {
        hub.metrics().lineReceived();
        hub.metrics().rejected(Rejection.LINE_TOO_LONG);
        error(hub.lineTooLongText());
    }

    /**
     * Takes the user out of the server: out of its room (which hears why, unless the server is
     * shutting down) and out of the name registry; what waits to be sent to them goes out now.
     * Safe to call more than once.
     */
    public void leave(LeaveReason reason) {
        if (gone) return;
        gone = true;
        hub.leave(this, reason);
        // Out of the room, the user gets none of their own events still on their way (a cluster
        // holding their lines while its link is down): what waited for them, and what follows
        // (the "bye" of /quit), goes out now, before the connection closes.
        own.allLost();
    }

    private void privateMessage(String to, String text) {
        String from = name;
        // The recipient's copy goes first; the echo follows once it is on its way (at once in one
        // process, after the store's answer in a cluster), in its place among this user's output.
        long ticket = own.expectAnswer();
        hub.sendPrivate(to, from, text).whenComplete((toName, failure) -> own.arrived(ticket, () -> {
            if (failure != null) {
                tellNow(new ServerLine.Error(ChatHub.NOT_SENT));
            } else if (toName == null) {
                hub.metrics().rejected(Rejection.NO_SUCH_USER);
                tellNow(new ServerLine.Error("no such user: " + to));
            } else {
                tellNow(new ServerLine.Private(from, toName, text, true));
            }
        }));
    }

    private void changeName(String requested) {
        Optional<String> valid = Names.validName(requested);
        if (valid.isEmpty()) {
            hub.metrics().rejected(Rejection.INVALID_NAME);
            error(Names.INVALID_NAME);
            return;
        }
        String newName = valid.get();
        if (newName.equals(name)) return; // as IRC does: renaming to yourself is a no-op
        NameClaim claim = hub.rename(this, newName);
        if (claim == NameClaim.TAKEN) {
            hub.metrics().rejected(Rejection.NAME_TAKEN);
            error("name taken: " + newName);
        } else if (claim == NameClaim.UNAVAILABLE) {
            error(ChatHub.CLUSTER_UNAVAILABLE);
        }
    }

    private void join(String requested) {
        Optional<String> valid = Names.validRoom(requested);
        if (valid.isEmpty()) {
            hub.metrics().rejected(Rejection.INVALID_ROOM);
            error(Names.INVALID_ROOM);
            return;
        }
        if (valid.get().equals(room.name())) {
            hub.metrics().rejected(Rejection.ALREADY_IN_ROOM);
            error("already in #" + room.name());
            return;
        }
        hub.move(this, valid.get());
    }

    private void replayHistory(int count) {
        int kept = hub.config().historyEvents();
        if (kept == 0) {
            error("history is off");
            return;
        }
        hub.metrics().historyRequested();
        // The room the line was typed in; replayed once the user's own events before it are back,
        // so the replay holds the user's own join and lines. Under the room's lock, so no live event
        // of the room can fall inside the replay, and the format cannot change during it (a switch
        // holds this lock too).
        Room here = room;
        int events = Math.min(count, kept);
        own.send(() -> {
            int lines;
            synchronized (here) {
                lines = HistoryReplay.send(connection, here.name(), here.history().last(events), format);
            }
            hub.metrics().linesDelivered(lines);
        });
    }

    private void switchFormat(OutputFormat newFormat) {
        // At the line's place in the user's output: what the user's own events before it bring
        // (their join still on its way, say) comes in the old format, the notice and all after it
        // in the new.
        own.send(() -> {
            String text = "output is now " + (newFormat == OutputFormat.JSON ? "json" : "text");
            byte[] notice = hub.renderer().render(new ServerLine.Info(text), newFormat);
            // Under the lock of the room the user is in when it runs, which orders it against that
            // room's lines. Usually the room the line was typed in (a move first waits for the
            // user's own events, and so for this); while the link is down a move does not wait, so
            // the room is read again once its lock is held: moveTo is called holding the new room's.
            for (boolean done = false; !done; ) {
                Room here = room;
                synchronized (here) {
                    if (room != here) continue;
                    synchronized (this) {
                        OutputQueue queue = connection.output();
                        if (queue != null && queue.readsRoomLogs()) queue.switchLogFormat(newFormat);
                        format = newFormat;
                        connection.send(notice);
                    }
                    done = true;
                }
            }
            hub.metrics().linesDelivered(1);
        });
    }

    @Override
    public String toString() {
        return name;
    }
}
