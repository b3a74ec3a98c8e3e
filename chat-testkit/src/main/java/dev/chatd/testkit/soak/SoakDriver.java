package dev.chatd.testkit.soak;

import dev.chatd.testkit.soak.SoakClient.Role;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs a soak: a fixed number of fake users with random behaviour against one server (or spread
 * over a cluster's nodes), all in
 * {@code /json} mode, on one selector thread (so 1,000 users cost one thread, and every check runs
 * without locks). Each user's lines go through a {@link SoakChecker}. Phases:
 * <ol>
 *   <li>anchors: one user per room, including {@code #lobby}, that stays for the whole run;</li>
 *   <li>churn: users connect, log in, {@code /json}, {@code /join}; then chat, {@code /me},
 *       {@code /join}, {@code /nick}, {@code /msg}, {@code /who}, {@code /rooms}, drop the connection
 *       (FIN or reset) or {@code /quit}, and a new user takes each leaver's place shortly after. Slow
 *       readers stop reading; flooders send bursts past the rate limit;</li>
 *   <li>leaving: everyone still connected sends {@code /quit} (slow readers read again), then the
 *       anchors; each must get {@code * bye}, or have been cut with a reason the room was told.</li>
 * </ol>
 * Every loop is bounded in time. Not reusable: one driver, one run.
 */
public final class SoakDriver {

    private static final long LEAVE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final long SETTLE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final int SLOW_RECEIVE_BUFFER = 4096;
    private static final int CONNECTS_PER_ROUND = 50;
    private static final String BUSY_ROOM = "r1";
    /** Long flood lines, so the busy room carries enough to overrun slow readers past their kernel buffers. */
    private static final int FLOOD_LINE_FILLER = 3900;
    private static final String FILLER = "lorem ipsum dolor sit amet ".repeat(150);

    /** Where the {@code n}th connection (from 1) goes: one server, or a cluster's nodes. */
    private final java.util.function.IntFunction<InetSocketAddress> server;
    private final SoakSettings settings;
    private final Random random;
    private final SoakChecker checker;
    private final Selector selector;
    private final List<SoakClient> everyone = new ArrayList<>();
    /** Users that may act now: settled, NORMAL or FLOODER, not leaving. */
    private final List<SoakClient> actors = new ArrayList<>();
    private final List<SoakClient> anchors = new ArrayList<>();
    private final PriorityQueue<long[]> reconnects = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
    private final List<Role> toConnect = new ArrayList<>();
    private int nextId;
    private long actionsDone;
    private long messagesSent;
    private int abruptCloses;

    public SoakDriver(InetSocketAddress server, SoakSettings settings) throws IOException {
        this(n -> server, settings);
    }

    /** A soak whose {@code n}th connection (from 1) goes to {@code addressFor(n)}: users spread over a cluster's nodes. */
    public SoakDriver(java.util.function.IntFunction<InetSocketAddress> addressFor, SoakSettings settings) throws IOException {
        this.server = addressFor;
        this.settings = settings;
        this.random = new Random(settings.seed());
        this.checker = new SoakChecker(settings.seed());
        this.selector = Selector.open();
    }

    /** Runs all three phases and reports; closes every connection it opened, whatever happens. */
    public SoakReport run() throws IOException {
        try {
            startAnchors();
            churn();
            leave();
            return report();
        } finally {
            for (SoakClient client : everyone) {
                client.closeQuietly();
            }
            selector.close();
        }
    }

    private void startAnchors() throws IOException {
        anchors.add(open(Role.ANCHOR, "lobby"));
        for (int r = 1; r <= settings.rooms(); r++) {
            anchors.add(open(Role.ANCHOR, "r" + r));
        }
        long deadline = System.nanoTime() + SETTLE_TIMEOUT_NANOS;
        while (!anchors.stream().allMatch(a -> a.settled) && System.nanoTime() < deadline) {
            poll();
        }
        if (!anchors.stream().allMatch(a -> a.settled)) {
            throw new IllegalStateException("seed " + settings.seed() + ": anchors did not settle in time");
        }
    }

    private void churn() throws IOException {
        // Exact counts, not a draw per user: a run with few flooders would not overrun its slow readers.
        int slow = (int) Math.ceil(settings.users() * settings.slowShare());
        int flooders = (int) Math.ceil(settings.users() * settings.floodShare());
        for (int i = 0; i < settings.users(); i++) {
            toConnect.add(i < slow ? Role.SLOW : i < slow + flooders ? Role.FLOODER : Role.NORMAL);
        }
        Collections.shuffle(toConnect, random);
        long start = System.nanoTime();
        long end = start + settings.duration().toNanos();
        double actionsPerNano = settings.users() / (double) settings.meanActionInterval().toNanos();
        for (long now = start; now < end; now = System.nanoTime()) {
            connectSome(now);
            poll();
            long due = (long) ((System.nanoTime() - start) * actionsPerNano);
            // Actions that fell due while few users were settled are not saved up for those few: at
            // most one per settled user a round. On a cluster, logins take Redis round trips, and the
            // first flooder settled once got ~30 bursts at once, more than it could read back within
            // the leave timeout.
            actionsDone = Math.max(actionsDone, due - actors.size());
            while (actionsDone < due && !actors.isEmpty()) {
                SoakClient actor = actors.get(random.nextInt(actors.size()));
                try {
                    act(actor);
                } catch (IOException e) {
                    ended(actor); // the server cut it meanwhile: the end-of-run check wants its reason
                }
                actionsDone++;
            }
        }
    }

    private void connectSome(long now) throws IOException {
        while (!reconnects.isEmpty() && reconnects.peek()[0] <= now) {
            toConnect.add(Role.values()[(int) reconnects.poll()[1]]);
        }
        for (int i = 0; i < CONNECTS_PER_ROUND && !toConnect.isEmpty(); i++) {
            Role role = toConnect.remove(toConnect.size() - 1);
            open(role, firstRoom(role));
        }
    }

    /**
     * Flooders and slow readers live in {@value #BUSY_ROOM}, the busy room, so that slow readers
     * surely fall behind within a short run; everyone else starts anywhere else, and never goes
     * there, which keeps the flood's fan-out (and the driver's reading) small.
     */
    private String firstRoom(Role role) {
        if (role == Role.SLOW || role == Role.FLOODER) {
            return BUSY_ROOM;
        }
        return randomQuietRoom();
    }

    /** {@code #lobby} or any room but the busy one. */
    private String randomQuietRoom() {
        int room = 1 + random.nextInt(settings.rooms());
        return room == 1 ? "lobby" : "r" + room;
    }

    private SoakClient open(Role role, String room) throws IOException {
        SocketChannel channel = SocketChannel.open();
        channel.configureBlocking(false);
        if (role == Role.SLOW) {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, SLOW_RECEIVE_BUFFER);
        }
        SoakClient client = new SoakClient(++nextId, role, channel, room);
        everyone.add(client);
        String login = client.name + "\r\n/json\r\n";
        client.send(room.equals("lobby") ? login : login + "/join " + room + "\r\n");
        channel.connect(server.apply(client.id));
        client.key = channel.register(selector, SelectionKey.OP_CONNECT, client);
        return client;
    }

    /** One round of I/O: waits briefly for readiness, then serves every ready connection. */
    private void poll() throws IOException {
        selector.select(5);
        for (SelectionKey key : selector.selectedKeys()) {
            SoakClient client = (SoakClient) key.attachment();
            try {
                serve(client, key);
            } catch (IOException e) {
                ended(client);
            }
        }
        selector.selectedKeys().clear();
    }

    private void serve(SoakClient client, SelectionKey key) throws IOException {
        if (!key.isValid()) {
            return;
        }
        if (key.isConnectable()) {
            client.channel.finishConnect();
            key.interestOps(SelectionKey.OP_READ);
            client.flush(); // the login lines queued at open
            return;
        }
        if (key.isWritable()) {
            client.flush();
        }
        if (key.isValid() && key.isReadable()) {
            boolean wasSettled = client.settled;
            if (!client.read(line -> checker.onLine(client, line))) {
                ended(client);
                return;
            }
            if (!wasSettled && client.settled) {
                becameSettled(client);
            }
        }
    }

    private void becameSettled(SoakClient client) {
        if (client.quitting) {
            return;
        }
        if (client.role == Role.SLOW) {
            client.reading(false);
        } else if (client.role == Role.NORMAL || client.role == Role.FLOODER) {
            actors.add(client);
        }
    }

    /** The server ended the connection (EOF, reset), or this side did. */
    private void ended(SoakClient client) {
        if (!client.closed) {
            client.closeQuietly();
        }
        actors.remove(client);
    }

    /**
     * One random action. Flooders only flood, in the busy room: a burst of {@code floodLines} long
     * lines each time they are picked, which the rate limit stretches into a steady stream.
     */
    private void act(SoakClient client) throws IOException {
        int draw = random.nextInt(100);
        if (client.role == Role.FLOODER) {
            StringBuilder burst = new StringBuilder();
            for (int i = 0; i < settings.floodLines(); i++) {
                burst.append(message(client, FLOOD_LINE_FILLER)).append("\r\n");
            }
            client.send(burst.toString());
        } else if (draw < 60) {
            client.send(message(client, random.nextInt(200)) + "\r\n");
        } else if (draw < 63) {
            client.send("/me waves at " + random.nextInt(1000) + "\r\n");
        } else if (draw < 71) {
            if (client.role == Role.FLOODER) {
                return; // flooders stay in the busy room
            }
            client.send("/join " + randomQuietRoom() + "\r\n");
        } else if (draw < 76) {
            String newName = "u" + client.id + "n" + (++client.nicks);
            client.names.add(newName);
            client.send("/nick " + (random.nextBoolean() ? newName : newName.toUpperCase(Locale.ROOT)) + "\r\n");
        } else if (draw < 84) {
            SoakClient to = actors.get(random.nextInt(actors.size()));
            client.send("/msg " + to.name + " pm:" + client.id + ":" + to.id + ":hello\r\n");
        } else if (draw < 88) {
            client.send(random.nextBoolean() ? "/who\r\n" : "/rooms\r\n");
        } else if (draw < 94) {
            abruptCloses++;
            client.closeAbruptly(random.nextBoolean());
            actors.remove(client);
            replaceLater(client);
        } else {
            quit(client);
            replaceLater(client);
        }
    }

    private String message(SoakClient client, int fillerLength) {
        messagesSent++;
        return "t" + client.id + ":" + (++client.sent) + ":" + FILLER.substring(0, fillerLength);
    }

    private void quit(SoakClient client) throws IOException {
        client.quitting = true;
        actors.remove(client);
        client.reading(true);
        client.send("/quit\r\n");
    }

    private void replaceLater(SoakClient client) {
        long delay = TimeUnit.MILLISECONDS.toNanos(random.nextInt(500));
        reconnects.add(new long[] {System.nanoTime() + delay, client.role.ordinal()});
    }

    private void leave() throws IOException {
        reconnects.clear();
        toConnect.clear();
        List<SoakClient> users = new ArrayList<>();
        for (SoakClient client : everyone) {
            if (client.role != Role.ANCHOR && !client.closed) {
                users.add(client);
            }
        }
        quitAll(users);
        quitAll(anchors);
    }

    private void quitAll(List<SoakClient> clients) throws IOException {
        for (SoakClient client : clients) {
            if (!client.closed && !client.quitting) {
                try {
                    quit(client);
                } catch (IOException e) {
                    ended(client);
                }
            }
        }
        long deadline = System.nanoTime() + LEAVE_TIMEOUT_NANOS;
        while (clients.stream().anyMatch(c -> !c.closed) && System.nanoTime() < deadline) {
            poll();
        }
        for (SoakClient client : clients) {
            if (!client.closed) {
                checker.violation(client, "still connected " + LEAVE_TIMEOUT_NANOS / 1_000_000_000 + " s after /quit");
            }
        }
    }

    private SoakReport report() {
        int quits = 0;
        int slowCut = 0;
        int othersCut = 0;
        Map<String, Integer> otherReasons = new TreeMap<>();
        for (SoakClient client : everyone) {
            if (client.byeSeen) {
                quits++;
                continue;
            }
            if (client.closedHere || !client.closed) {
                continue;
            }
            // The server ended it without a bye: the room must have been told why. A user whose
            // /quit was taken but whose bye could not be delivered (its output was over the limit)
            // left as a quit, with no reason shown, which is right too.
            String reason = checker.leaveReason(client);
            boolean quitLeave = client.quitting && "".equals(reason);
            if (client.role == Role.SLOW && "too slow".equals(reason)) {
                slowCut++;
            } else if (reason == null || (reason.isEmpty() && !quitLeave)) {
                checker.violation(client, "closed by the server, but no leave with a reason was seen");
            } else if (client.role == Role.SLOW && !quitLeave) {
                checker.violation(client, "cut, but its room was told (" + reason + ") instead of (too slow)");
            } else {
                othersCut++;
                otherReasons.merge(client.role + " " + (quitLeave ? "cut after /quit" : reason), 1, Integer::sum);
            }
        }
        return new SoakReport(everyone.size(), checker.linesReceived, checker.roomEvents, messagesSent,
                abruptCloses, quits, slowCut, othersCut, otherReasons.toString(), checker.violations());
    }
}
