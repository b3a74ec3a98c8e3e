package dev.chatd.common.room;

import dev.chatd.common.config.ChatConfig;
import dev.chatd.common.metrics.ChatMetrics;
import dev.chatd.common.metrics.ModelMetrics;
import dev.chatd.common.metrics.Rejection;
import dev.chatd.common.output.OutputBudget;
import dev.chatd.common.render.Renderer;
import dev.chatd.common.render.ServerLine;
import dev.chatd.common.text.Names;
import dev.chatd.common.text.Sanitizer;
import dev.chatd.common.wire.TelnetEvent;
import java.time.Clock;

/**
 * The room model as both servers drive it, one connection at a time and transport-agnostic:
 * {@link #admit} → {@link #greet} → {@link #login} until accepted → {@link User#handle} per line
 * → {@link User#leave} → {@link #release}. It decides what is said; the transports only carry it.
 *
 * <p>The hub joins parts that each have one job: {@link Admissions} (which connections are in,
 * and the moment shutdown begins), and the {@link RoomModel}'s {@link NameRegistry},
 * {@link RoomDirectory} and {@link RoomEvents}, which a cluster can supply instead of the local
 * ones.
 *
 * <p>Locks, always taken in this order, never the other way: the admission read lock (admit,
 * login; shutdown takes it for writing), the directory's membership lock (login, join, leave), a
 * {@link Room} (its events), a {@link User} (its format), an {@link AtPrompt}, and last a
 * connection's output queue. Chat lines take only their room's lock.
 *
 * <p>Shutdown: the notice is sent with {@link Connection#sendLast}, so it is the last line each
 * connection gets, by construction: whatever any thread sends after it is dropped.
 */
public final class ChatHub {

    public static final String LOBBY = "lobby";
    static final String SHUTTING_DOWN = "server shutting down";
    static final String STILL_HERE = "still here";
    /** What a cluster node cut off from its store answers a name, or a /rooms, with (docs/cluster.md). */
    public static final String CLUSTER_UNAVAILABLE = "cluster unavailable, try again later";
    /** What the sender of a line a cluster node could neither send nor hold is told. */
    public static final String NOT_SENT = "not sent: cluster unavailable";
    /**
     * How long the server's unsent output may stay over its budget (all input paused) before
     * readers who are behind are cut: long enough for readers who read, however busy the machine,
     * to take a budget's worth; short enough that readers who never read cannot hold a room still.
     */
    static final java.time.Duration OUTPUT_STALL = java.time.Duration.ofSeconds(3);

    private final ChatConfig config;
    private final ChatMetrics metrics;
    private final Renderer renderer;
    private final NameRegistry names;
    private final RoomDirectory rooms;
    private final RoomEvents events;
    private final Runnable closeModel;
    private final ModelMetrics modelMetrics;
    private final Admissions admissions;
    private final PromptLines lines;
    private final int ownEventBound;
    private final OutputBudget outputBudget;

    /** A hub with the given parts of the room model (a cluster's, say). */
    public ChatHub(ChatConfig config, ChatMetrics metrics, Renderer renderer, RoomModel model) {
        this.config = config;
        this.metrics = metrics;
        this.renderer = renderer;
        this.names = model.names();
        this.rooms = model.rooms();
        this.events = model.events();
        this.closeModel = model.close();
        this.modelMetrics = model.metrics();
        this.admissions = new Admissions(config.maxUsers());
        this.lines = new PromptLines(config.name(), lineTooLongText());
        this.ownEventBound = OwnEventBound.of(config);
        this.outputBudget = new OutputBudget(config.effectiveOutputBudgetBytes(), OUTPUT_STALL, this::cutLargestBehind);
        Names.key(LOBBY); // loads the look-alike tables now, not during the first login
    }

    /**
     * The hub a server starts with: a stand-alone one, or, when {@code --redis} is given, one whose
     * room model is the cluster's, found with {@link java.util.ServiceLoader} as a
     * {@link RoomModelProvider} (chat-cluster provides it), so chat-common holds no cluster code
     * and a stand-alone server never loads any.
     *
     * @throws java.io.IOException when the cluster cannot be joined (no Redis there, say)
     */
    public static ChatHub forConfig(ChatConfig config) throws java.io.IOException {
        if (!config.clustered()) return new ChatHub(config);
        ChatMetrics metrics = new ChatMetrics();
        Renderer renderer = new Renderer();
        RoomModel model = RoomModelProvider.find()
                .create(config, renderer, Clock.systemUTC(), metrics);
        return new ChatHub(config, metrics, renderer, model);
    }

    /** A stand-alone hub: the room model in this process. */
    public ChatHub(ChatConfig config, ChatMetrics metrics, Clock clock) {
        this(config, metrics, new Renderer(), clock);
    }

    private ChatHub(ChatConfig config, ChatMetrics metrics, Renderer renderer, Clock clock) {
        this(config, metrics, renderer, RoomModel.local(renderer, clock, metrics, config.historyEvents()));
    }

    /** A stand-alone hub with the system clock and fresh metrics. */
    public ChatHub(ChatConfig config) {
        this(config, new ChatMetrics(), Clock.systemUTC());
    }

    public ChatConfig config() { return config; }
    public ChatMetrics metrics() { return metrics; }

    /** The server's unsent output as a whole, which every connection's queue counts in and every reader waits on. */
    public OutputBudget outputBudget() { return outputBudget; }

    /**
     * Whether a connection still at the name prompt when its login timeout runs out is closed now.
     * Not while the server holds input back for its output budget, nor while the connection's own
     * line waits to be handled ({@code lineHeld}): its name may be the line the server has not
     * read, so it is not idle. Each server then looks again one login timeout later.
     */
    public boolean loginTimeoutMayClose(boolean lineHeld) {
        return !lineHeld && !outputBudget.exceeded();
    }

    /** The output budget's last resort: cuts the reader who is behind with the most unsent output. */
    private boolean cutLargestBehind() {
        Connection[] largest = {null};
        long[] most = {0};
        admissions.forEach((connection, admission) -> {
            long unsent = connection.unsentBytes();
            if (unsent > most[0] && connection.readerBehind()) {
                most[0] = unsent;
                largest[0] = connection;
            }
        });
        if (largest[0] == null) return false;
        largest[0].cutAsTooSlow();
        return true;
    }

    /** What the room model counts beyond {@link #metrics()} (a cluster node's Redis link, say). */
    public ModelMetrics modelMetrics() { return modelMetrics; }
    Renderer renderer() { return renderer; }
    RoomEvents events() { return events; }

    /** How many of a user's own events may be in flight before their next line waits ({@link OwnEventBound}). */
    int ownEventBound() { return ownEventBound; }

    // ------------------------------------------------------------------ before a name

    /**
     * Takes a new connection if the server has room for it and is not shutting down. When this
     * returns false the transport sends {@link #refusalReply()} and closes; it must not call
     * {@link #release}.
     */
    public boolean admit(Connection connection) {
        if (!admissions.admit(connection, new AtPrompt(connection, this))) {
            metrics.connectionRefused();
            return false;
        }
        metrics.connectionOpened();
        return true;
    }

    /** The last thing an admitted connection does: frees its slot. Its user must have left. */
    public void release(Connection connection) {
        admissions.release(connection);
    }

    /**
     * The one line for a connection {@link #admit} refused: {@code ! server is full, try again later},
     * or {@code * server shutting down} once shutdown has begun.
     */
    public byte[] refusalReply() { return isShuttingDown() ? lines.shuttingDown : lines.full; }

    /** Sends an admitted connection the welcome line and the first prompt. */
    public void greet(Connection connection) {
        atPrompt(connection).show(lines.greeting, true);
    }

    /**
     * Acts on a complete line typed at the name prompt. On {@link Login.Accepted} the user is in
     * {@code #lobby} and has been sent its join and users lines; on {@link Login.Retry} the
     * connection has been sent why (if anything was wrong) and the prompt again.
     */
    public Login login(Connection connection, String rawLine) {
        metrics.lineReceived();
        AtPrompt prompt = atPrompt(connection);
        prompt.lineArrived();
        String line = Sanitizer.sanitize(rawLine);
        if (line.isEmpty()) return retry(prompt, lines.prompt);
        var name = Names.validName(line);
        if (name.isEmpty()) {
            metrics.rejected(Rejection.INVALID_NAME);
            return retry(prompt, lines.invalidName);
        }
        User user = new User(this, connection, name.get());
        NameClaim claim = names.claim(user.key(), user.name(), user);
        if (claim == NameClaim.UNAVAILABLE) return retry(prompt, lines.clusterUnavailable);
        if (claim == NameClaim.TAKEN) {
            metrics.rejected(Rejection.NAME_TAKEN);
            return retry(prompt, lines.nameTaken(name.get()));
        }
        // Either this user is in before shutdown walks the connections (and is told in its own
        // format), or no one gets in and the connection, still at the prompt, is told in text.
        if (!admissions.logIn(connection, user, () -> rooms.enterLobby(user))) {
            names.release(user.key(), user);
            return Login.RETRY;
        }
        metrics.login();
        return new Login.Accepted(user);
    }

    /**
     * A connection has stayed at the name prompt for the whole login timeout: it is told so; the
     * transport then flushes and closes it, and it leaves no trace.
     */
    public void loginTimedOut(Connection connection) {
        atPrompt(connection).show(lines.loginTimedOut, false);
    }

    /** A connection at the name prompt sent an over-long line: the error, then the prompt again. */
    public void lineTooLongAtPrompt(Connection connection) {
        metrics.lineReceived();
        metrics.rejected(Rejection.LINE_TOO_LONG);
        atPrompt(connection).show(lines.lineTooLong, true);
    }

    /**
     * Acts on a telnet request, at its place in the connection's input: negotiation answers go out
     * as they are; {@code IAC AYT} gets {@code * still here} (at the prompt, with the prompt again).
     * Both servers call this for every {@link TelnetEvent} their input yields.
     */
    public void telnet(Connection connection, TelnetEvent event) {
        Admission admission = admissions.get(connection);
        if (event instanceof TelnetEvent.Reply reply) {
            // After the output owed for the input before it, the user's own lines included.
            if (admission instanceof Admission.LoggedIn in) in.user().sendInOrder(reply.bytes());
            else connection.send(reply.bytes());
            return;
        }
        if (admission instanceof Admission.LoggedIn in) {
            in.user().info(STILL_HERE);
        } else if (admission instanceof AtPrompt prompt) {
            prompt.show(lines.stillHere, true);
        }
    }

    // ------------------------------------------------------------------ gauges

    /** Connections admitted and not yet released: the users gauge. */
    public int connectionCount() { return admissions.count(); }

    /** Logged-in users. */
    public int userCount() { return names.size(); }

    /** Rooms that exist now, {@code #lobby} included. */
    public int roomCount() { return rooms.count(); }

    // ------------------------------------------------------------------ what users do (for User)

    String lineTooLongText() {
        return "line too long (max " + config.maxLineBytes() + " bytes)";
    }

    /** The user of this process holding that name (by its look-alike key), or null. */
    User find(String name) {
        return names.holder(Names.key(name));
    }

    /** Sends a private line to the holder of {@code to}'s name; completes with their name as held, or null. */
    java.util.concurrent.CompletionStage<String> sendPrivate(String to, String from, String text) {
        return names.sendPrivate(Names.key(to), from, text);
    }

    ServerLine.Users usersOf(Room room) {
        return rooms.usersOf(room);
    }

    java.util.concurrent.CompletionStage<ServerLine.Rooms> roomList() {
        return rooms.list();
    }

    /**
     * Renames a user unless the new name is held by someone else (or, in a cluster cut off from its
     * store, cannot be claimed). A change of case only is a rename in place; any other name with
     * the user's own key (a look-alike of the name they hold) is taken, as it would be at login:
     * the protocol allows only the change of case.
     */
    NameClaim rename(User user, String newName) {
        String oldKey = user.key();
        String newKey = Names.key(newName);
        boolean sameKey = newKey.equals(oldKey);
        if (sameKey && !Names.differOnlyInCase(user.name(), newName)) return NameClaim.TAKEN;
        if (!sameKey) {
            NameClaim claim = names.claim(newKey, newName, user);
            if (claim != NameClaim.CLAIMED) return claim;
        }
        Room room = user.room();
        synchronized (room) {
            String oldName = user.name();
            String oldOrder = user.order();
            user.rename(newName, newKey);
            room.reorder(oldOrder, user);
            events.publish(room, user, (seq, ts) -> new ServerLine.Nick(room.name(), seq, ts, oldName, newName));
        }
        if (!sameKey) names.release(oldKey, user);
        return NameClaim.CLAIMED;
    }

    /** Moves a user to another room, creating it if needed and dropping the old one if it empties. */
    void move(User user, String roomName) {
        rooms.move(user, roomName);
    }

    /** Called once per user by {@link User#leave}. */
    void leave(User user, LeaveReason reason) {
        // The name is free before the room hears of the leave: whoever reacts to the leave line
        // (a /msg, a login under that name) must find it gone.
        names.release(user.key(), user);
        rooms.leave(user, reason, !isShuttingDown());
    }

    // ------------------------------------------------------------------ shutdown

    /**
     * Starts shutdown: refuses new connections and names, stops leave lines, and sends every
     * admitted connection {@code * server shutting down} (in its user's format) as its last line.
     * The transport then flushes and closes them.
     */
    public void shutdown() {
        if (!admissions.beginShutdown()) return;
        // The notice is everyone's last line: what their rooms said before it goes first.
        events.deliverPublished(config.shutdownGrace());
        admissions.forEach((connection, admission) -> {
            if (admission instanceof Admission.LoggedIn in) in.user().lastInfo(SHUTTING_DOWN);
            else if (admission instanceof AtPrompt prompt) prompt.shutdownNotice(lines.shuttingDown);
        });
    }

    /**
     * The last step of a server's close, once its connections are closed: lets the room model
     * finish (a cluster node publishes its users' leaves and leaves the cluster). Idempotent.
     */
    public void closeModel() {
        closeModel.run();
    }

    /** True once {@link #shutdown} has begun. */
    public boolean isShuttingDown() {
        return admissions.isShuttingDown();
    }

    private static Login retry(AtPrompt prompt, byte[] reply) {
        prompt.show(reply, true);
        return Login.RETRY;
    }

    /** The connection's prompt state; only admitted connections that have not logged in ask. */
    private AtPrompt atPrompt(Connection connection) {
        if (admissions.get(connection) instanceof AtPrompt prompt) return prompt;
        throw new IllegalStateException(connection + " is not at the name prompt");
    }
}
