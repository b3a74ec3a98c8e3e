package dev.chatd.common.room;

import dev.chatd.common.config.ChatConfig;
import dev.chatd.common.metrics.ChatMetrics;
import dev.chatd.common.metrics.Rejection;
import dev.chatd.common.render.Renderer;
import dev.chatd.common.render.ServerLine;
import dev.chatd.common.text.Names;
import dev.chatd.common.text.Sanitizer;
import dev.chatd.common.wire.TelnetEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The whole server's shared state, transport-agnostic: connections admitted, names held, rooms
 * and who is in them. Both servers drive a connection through it the same way:
 * {@link #admit} → {@link #greet} → {@link #login} until accepted → {@link User#handle} per line
 * → {@link User#leave} → {@link #release}.
 *
 * <p>Locks, always taken in this order: {@code rooms} (membership changes: login, join, leave),
 * then a {@link Room} (its events), then a {@link User} (its format). Chat lines take only the
 * room's lock, so rooms do not slow each other down.
 */
public final class ChatHub {

    public static final String LOBBY = "lobby";
    static final String PROMPT = "Username: ";
    private static final String SHUTTING_DOWN = "server shutting down";
    private static final String STILL_HERE = "still here";

    private final ChatConfig config;
    private final ChatMetrics metrics;
    private final Renderer renderer;
    private final RoomEvents events;
    private final AtomicInteger connections = new AtomicInteger();
    // Every admitted connection and where it stands. Shutdown walks it.
    private final Map<Connection, Admission> admitted = new ConcurrentHashMap<>();
    private final Map<String, User> users = new ConcurrentHashMap<>();
    private final Map<String, Room> rooms = new ConcurrentHashMap<>(); // guarded by itself for changes
    private final Room lobby = new Room(LOBBY);
    // Sent as they are: the transports never change a sent array, so one copy serves every connection.
    private final byte[] greeting;
    private final byte[] prompt;
    private final byte[] invalidName;
    private final byte[] loginTimedOut;
    private final byte[] stillHereAtPrompt;
    private final byte[] full;
    private final byte[] shuttingDownNotice;
    private volatile boolean shuttingDown;

    public ChatHub(ChatConfig config, ChatMetrics metrics, Clock clock) {
        this.config = config;
        this.metrics = metrics;
        this.renderer = new Renderer();
        this.events = new LocalRoomEvents(renderer, clock, metrics);
        this.rooms.put(LOBBY, lobby);
        this.greeting = utf8("Welcome to " + config.name() + "\r\n" + PROMPT);
        this.prompt = utf8(PROMPT);
        this.invalidName = withPrompt("! " + Names.INVALID_NAME);
        this.loginTimedOut = Renderer.text("! login timed out");
        this.stillHereAtPrompt = withPrompt("* " + STILL_HERE);
        this.full = Renderer.text("! server is full, try again later");
        this.shuttingDownNotice = Renderer.text("* " + SHUTTING_DOWN);
    }

    /** A hub with the system clock and fresh metrics. */
    public ChatHub(ChatConfig config) {
        this(config, new ChatMetrics(), Clock.systemUTC());
    }

    public ChatConfig config() { return config; }
    public ChatMetrics metrics() { return metrics; }
    Renderer renderer() { return renderer; }
    RoomEvents events() { return events; }

    /**
     * Takes a new connection if the server has room for it. When this returns false the transport
     * sends {@link #refusalReply()} and closes; it must not call {@link #release}.
     */
    public boolean admit(Connection connection) {
        if (shuttingDown || connections.incrementAndGet() > config.maxUsers()) {
            connections.decrementAndGet();
            metrics.connectionRefused();
            return false;
        }
        admitted.put(connection, new AtPrompt(connection, this));
        metrics.connectionOpened();
        return true;
    }

    /** The last thing an admitted connection does: frees its slot. Its user must have left. */
    public void release(Connection connection) {
        if (admitted.remove(connection) != null) connections.decrementAndGet();
    }

    /**
     * The one line for a connection {@link #admit} refused: {@code ! server is full, try again later},
     * or {@code * server shutting down} once shutdown has begun.
     */
    public byte[] refusalReply() { return shuttingDown ? shuttingDownNotice : full; }

    /** Sends an admitted connection the welcome line and the first prompt. */
    public void greet(Connection connection) {
        atPrompt(connection).show(greeting, true);
    }

    /** Connections admitted and not yet released: the users gauge. */
    public int connectionCount() { return connections.get(); }

    /** Logged-in users. */
    public int userCount() { return users.size(); }

    /** Rooms that exist now, {@code #lobby} included. */
    public int roomCount() { return rooms.size(); }

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
        if (line.isEmpty()) return retry(prompt, this.prompt);
        var name = Names.validName(line);
        if (name.isEmpty()) {
            metrics.rejected(Rejection.INVALID_NAME);
            return retry(prompt, invalidName);
        }
        User user = new User(this, connection, name.get());
        if (users.putIfAbsent(user.key(), user) != null) {
            metrics.rejected(Rejection.NAME_TAKEN);
            return retry(prompt, withPrompt("! name taken: " + name.get()));
        }
        synchronized (rooms) {
            // Checked under the lock shutdown() takes to set the flag: either this user is in before
            // shutdown walks the connections (and is told in its own format), or no one gets in and
            // the connection, still at the prompt, is told in text. Never both, never a join after.
            if (shuttingDown) {
                users.remove(user.key(), user);
                return Login.RETRY;
            }
            admitted.replace(connection, new Admission.LoggedIn(user));
            enter(user, lobby);
        }
        metrics.login();
        return new Login.Accepted(user);
    }

    /**
     * A connection has stayed at the name prompt for the whole login timeout: it is told so; the
     * transport then flushes and closes it, and it leaves no trace.
     */
    public void loginTimedOut(Connection connection) {
        atPrompt(connection).show(loginTimedOut, false);
    }

    /** A connection at the name prompt sent an over-long line: the error, then the prompt again. */
    public void lineTooLongAtPrompt(Connection connection) {
        metrics.lineReceived();
        metrics.rejected(Rejection.LINE_TOO_LONG);
        atPrompt(connection).show(withPrompt("! " + lineTooLongText()), true);
    }

    /**
     * Acts on a telnet request, at its place in the connection's input: negotiation answers go out
     * as they are; {@code IAC AYT} gets {@code * still here} (at the prompt, with the prompt again).
     * Both servers call this for every {@link TelnetEvent} their input yields.
     */
    public void telnet(Connection connection, TelnetEvent event) {
        if (event instanceof TelnetEvent.Reply reply) {
            connection.send(reply.bytes());
            return;
        }
        Admission admission = admitted.get(connection);
        if (admission instanceof Admission.LoggedIn in) {
            in.user().info(STILL_HERE);
        } else if (admission instanceof AtPrompt prompt) {
            prompt.show(stillHereAtPrompt, true);
        }
    }

    String lineTooLongText() {
        return "line too long (max " + config.maxLineBytes() + " bytes)";
    }

    User find(String name) {
        return users.get(Names.key(name));
    }

    ServerLine.Users usersOf(Room room) {
        synchronized (room) {
            return new ServerLine.Users(room.name(), room.sortedNames());
        }
    }

    ServerLine.Rooms roomList() {
        List<ServerLine.RoomCount> list = new ArrayList<>();
        synchronized (rooms) {
            for (Room room : rooms.values()) {
                synchronized (room) {
                    list.add(new ServerLine.RoomCount(room.name(), room.size()));
                }
            }
        }
        list.sort((a, b) -> a.room().compareTo(b.room()));
        return new ServerLine.Rooms(list);
    }

    /**
     * Renames a user; false when the new name is held by someone else. A new name with the user's
     * own key (another case, or a look-alike of the name they hold) is a rename in place.
     */
    boolean rename(User user, String newName) {
        String oldKey = user.key();
        String newKey = Names.key(newName);
        boolean sameKey = newKey.equals(oldKey);
        if (!sameKey && users.putIfAbsent(newKey, user) != null) return false;
        Room room = user.room();
        synchronized (room) {
            String oldName = user.name();
            String oldOrder = user.order();
            user.rename(newName, newKey);
            room.reorder(oldOrder, user);
            events.publish(room, (seq, ts) -> new ServerLine.Nick(room.name(), seq, ts, oldName, newName));
        }
        if (!sameKey) users.remove(oldKey, user);
        return true;
    }

    /** Moves a user to another room, creating it if needed and dropping the old one if it empties. */
    void move(User user, String roomName) {
        synchronized (rooms) {
            exit(user, null);
            enter(user, rooms.computeIfAbsent(roomName, Room::new));
        }
    }

    /** Called once per user by {@link User#leave}. */
    void leave(User user, LeaveReason reason) {
        synchronized (rooms) {
            // The name is free before the room hears of the leave: whoever reacts to the leave line
            // (a /msg, a login under that name) must find it gone.
            users.remove(user.key(), user);
            exit(user, reason);
        }
    }

    // Holding the rooms lock.
    private void enter(User user, Room room) {
        synchronized (room) {
            room.add(user);
            user.moveTo(room);
            String name = user.name();
            events.publish(room, (seq, ts) -> new ServerLine.Join(room.name(), seq, ts, name));
            user.tell(new ServerLine.Users(room.name(), room.sortedNames()));
        }
    }

    // Holding the rooms lock. A null reason is a move to another room or /quit: no reason shown.
    private void exit(User user, LeaveReason reason) {
        Room room = user.room();
        synchronized (room) {
            room.remove(user);
            String why = reason == null ? null : reason.text();
            String name = user.name();
            if (!shuttingDown && !room.isEmpty()) {
                events.publish(room, (seq, ts) -> new ServerLine.Leave(room.name(), seq, ts, name, why));
            }
            if (room.isEmpty() && room != lobby) rooms.remove(room.name());
        }
    }

    /**
     * Starts shutdown: refuses new connections, stops leave lines, and sends every admitted
     * connection {@code * server shutting down} (in its user's format). The transport then
     * flushes and closes them.
     */
    public void shutdown() {
        synchronized (rooms) {
            if (shuttingDown) return;
            shuttingDown = true;
        }
        admitted.forEach((connection, admission) -> {
            if (admission instanceof Admission.LoggedIn in) in.user().info(SHUTTING_DOWN);
            else if (admission instanceof AtPrompt prompt) prompt.shutdownNotice(shuttingDownNotice);
        });
    }

    /** True once {@link #shutdown} has begun. */
    public boolean isShuttingDown() {
        return shuttingDown;
    }

    private static Login retry(AtPrompt prompt, byte[] reply) {
        prompt.show(reply, true);
        return Login.RETRY;
    }

    /** The connection's prompt state; only admitted connections that have not logged in ask. */
    private AtPrompt atPrompt(Connection connection) {
        if (admitted.get(connection) instanceof AtPrompt prompt) return prompt;
        throw new IllegalStateException(connection + " is not at the name prompt");
    }

    private static byte[] withPrompt(String line) {
        return utf8(line + "\r\n" + PROMPT);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
