package dev.chatd.cluster;

import dev.chatd.common.render.Renderer;
import dev.chatd.common.render.ServerLine;
import dev.chatd.common.render.ServerLine.RoomEvent;
import dev.chatd.common.room.ChatHub;
import dev.chatd.common.room.Room;
import dev.chatd.common.room.RoomEvents;
import dev.chatd.common.room.User;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a room's events to Redis, one script run each ({@link Scripts#ROOM_EVENT}), pipelined
 * on the node's one command connection: nothing waits for the answer, and since Redis runs one
 * connection's commands in the order sent, a user's lines keep their order. Delivery, to the
 * sender too, is the {@link StreamReader}'s, when the event comes back from the room's stream.
 *
 * <p>What a sender is told of a failure (that the event will never arrive, {@code ! not sent}) is
 * told on {@link #failures}, a thread that holds no lock: replies that waited for the event then
 * go out on the telling thread and take the room's lock they were asked in (User's comment),
 * while a publish runs holding {@link #held}, and a rename's holding its room's lock too. Lettuce
 * refuses a command at once while it is disconnected, and would otherwise tell it right there.
 *
 * <p>While the link is down, joins and leaves (and {@link ClusterNames}' releases of names) are
 * held with the lines, in order, and go out when it is back ({@link #whenUp}); a join whose script
 * fails is sent again while its user is still pending, so nobody waits for a join that never ran.
 */
final class ClusterEvents implements RoomEvents {

    private static final Logger log = LoggerFactory.getLogger(ClusterEvents.class);
    /** Tries of one join before its user is left pending for good: a failure each time is a Redis that refuses it. */
    private static final int JOIN_TRIES = 20;
    /** Between a join that failed while the link was up (a command timed out) and its next try. */
    private static final long JOIN_RETRY_MILLIS = 500;

    /** Entries a room's stream keeps: far more than any history, so a node that was cut off can catch up. */
    static final int STREAM_LENGTH = 10_000;

    private final RedisAsyncCommands<String, String> redis;
    private final ClusterNames names;
    private final Clock clock;
    private final int historyEvents;
    /** Room lines held while the link is down, at most this many per node (docs/cluster.md). */
    static final int HOLD_LIMIT = 1_000;

    private final ClusterMetrics clusterMetrics;
    private final ClusterLink link;
    /** Writes made while the link was down (lines, joins, leaves, releases), in order; guarded by itself. */
    private final java.util.ArrayDeque<Runnable> held = new java.util.ArrayDeque<>();
    /** How many of {@link #held} are room lines: those count against {@link #HOLD_LIMIT}. Guarded by {@link #held}. */
    private int heldLines;
    /**
     * Where a sender hears of a failed publish, and a failed join is tried again: threads that hold
     * no lock (Lettuce's event executors).
     */
    private final ScheduledExecutorService failures;
    private StreamReader reader; // set once, before any user

    ClusterEvents(RedisAsyncCommands<String, String> redis, ClusterNames names, Clock clock, int historyEvents,
                  ClusterMetrics clusterMetrics, ClusterLink link, ScheduledExecutorService failures) {
        this.failures = failures;
        this.link = link;
        this.redis = redis;
        this.names = names;
        this.clock = clock;
        this.historyEvents = historyEvents;
        this.clusterMetrics = clusterMetrics;
    }

    @Override
    public void publish(Room room, User sender, RoomEvent.Factory factory) {
        RoomEvent event = factory.make(0, ts());
        boolean nick = event instanceof ServerLine.Nick;
        String uid = sender == null ? null : names.uid(sender);
        String name = event instanceof ServerLine.Nick n ? n.to() : (sender == null ? "-" : sender.name());
        synchronized (held) {
            if (link.isUp() || heldLines < HOLD_LIMIT) {
                long ticket = sender == null ? 0 : sender.expectOwnEvent();
                Runnable send = () -> {
                    run(room.name(), nick ? "nick" : "say", uid == null ? "-" : uid, name, "-1",
                            EventCodec.fields(event, uid, ticket))
                            .whenCompleteAsync((reply, failure) -> {
                                if (failure != null && sender != null) {
                                    sender.ownEventArrived(ticket); // it never will: nothing waits for it
                                    sender.error(ChatHub.NOT_SENT);
                                }
                            }, failures);
                    if (nick && sender != null) names.refresh(sender, name);
                };
                if (link.isUp()) {
                    send.run();
                } else {
                    held.add(send);
                    heldLines++;
                    clusterMetrics.linesHeld.increment();
                }
                return;
            }
        }
        if (sender != null) failures.execute(() -> sender.error(ChatHub.NOT_SENT)); // neither sent nor held
    }

    /**
     * Waits (at most {@code within}) until the stream reader has handed the members here every
     * event already in Redis: another node's last lines may not have been read yet when this node
     * begins to stop, and its users' notice would otherwise overtake them.
     */
    @Override
    public void deliverPublished(Duration within) {
        if (reader == null || !link.isUp()) return;
        try {
            reader.caughtUp().get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("shutting down before every event already published was delivered here: {}", e.toString());
        }
    }

    /** The reader that delivers what this node publishes; set once, before any user. */
    void readWith(StreamReader reader) {
        this.reader = reader;
    }

    /**
     * Own events bound their sender's reading only while the link is up: a held line is on its way
     * nowhere, and waiting for it would stop reading the user, their {@code /quit} too, until the
     * link is back (docs/cluster.md, "A sender is paced by their own events in flight").
     * {@link LinkWatcher#lost} releases the readers already waiting.
     */
    @Override
    public boolean boundsOwnEvents() {
        return link.isUp();
    }

    /**
     * Once the link is back: publishes the held lines in order and marks the link up, both under
     * the lock lines are held with, so no line slips between them. True for the call that did.
     */
    boolean restore(Runnable checkConnection) {
        synchronized (held) {
            if (link.isUp()) return false;
            checkConnection.run();
            for (Runnable send; (send = held.poll()) != null; ) send.run();
            heldLines = 0;
            return link.markUp();
        }
    }

    /**
     * Runs a write that keeps the members and names right (a join, a leave, a name's release) now
     * if the link is up, else holds it with the lines, in order, until it is back. Not counted
     * against {@link #HOLD_LIMIT}: it cannot be refused, its move or leave has been made here
     * already, and each takes a line of the user's (a {@code /join}, a {@code /quit}) anyway.
     */
    void whenUp(Runnable write) {
        synchronized (held) {
            if (link.isUp()) {
                write.run();
            } else {
                held.add(write);
            }
        }
    }

    /** Lines held now, for the metrics. */
    int heldCount() {
        synchronized (held) {
            return heldLines;
        }
    }

    /**
     * Publishes {@code user}'s join, now or once the link is back; with {@code snapshot} the reply
     * also holds the room's members and its last history events as of just before the join, for a
     * node that starts reading it. Completes with the reply of the try that worked.
     *
     * <p>A try that fails (the link lost under it, a command timed out) is made again while
     * {@code stillPending} says the user still waits for it (held until the link is back, or after
     * {@link #JOIN_RETRY_MILLIS} while it is up), after a leave that announces nothing: if the try
     * ran in Redis after all, the leave undoes it, so the members and counts stay right and the
     * snapshot is as of before the user. Its event did go out then, so the room sees the user join
     * twice: the price of never leaving a user pending. The next try keeps the ticket, so the
     * user's output still waits for the join that comes back.
     */
    CompletableFuture<List<Object>> join(String room, User user, String uid, boolean snapshot,
                                         BooleanSupplier stillPending) {
        long ticket = user.expectOwnEvent();
        CompletableFuture<List<Object>> joined = new CompletableFuture<>();
        whenUp(() -> tryJoin(room, user, uid, snapshot, ticket, stillPending, joined, 1));
        return joined;
    }

    // Holding held (whenUp).
    private void tryJoin(String room, User user, String uid, boolean snapshot, long ticket, BooleanSupplier stillPending,
                         CompletableFuture<List<Object>> joined, int attempt) {
        RoomEvent event = new ServerLine.Join(room, 0, ts(), user.name());
        run(room, "join", uid, user.name(), snapshot ? Integer.toString(historyEvents) : "-1",
                EventCodec.fields(event, uid, ticket))
                // Not inline: a join Lettuce refuses at once would be told holding the directory's
                // and the room's locks (see the class comment).
                .whenCompleteAsync((reply, failure) -> {
                    if (failure == null) {
                        joined.complete(reply);
                    } else if (attempt < JOIN_TRIES && stillPending.getAsBoolean()) {
                        log.debug("the join of {} to #{} failed ({}); trying again", user, room, failure.toString());
                        Runnable again = () -> whenUp(() -> {
                            if (!stillPending.getAsBoolean()) return;
                            silentLeave(room, uid, user.name());
                            tryJoin(room, user, uid, snapshot, ticket, stillPending, joined, attempt + 1);
                        });
                        if (link.isUp()) failures.schedule(again, JOIN_RETRY_MILLIS, TimeUnit.MILLISECONDS);
                        else again.run();
                    } else {
                        if (stillPending.getAsBoolean()) {
                            log.warn("the join of {} to #{} failed {} times, last: {}", user, room, attempt, failure.toString());
                        }
                        user.ownEventArrived(ticket); // it never will come: nothing waits for it
                        joined.completeExceptionally(failure);
                    }
                }, failures);
    }

    /**
     * Publishes the join of a user who is a member here already, once the link is up: one another
     * node announced lost ({@link Rejoiner}). No ticket: the user waits for nothing of it.
     */
    void rejoin(String room, User user, String uid) {
        RoomEvent event = new ServerLine.Join(room, 0, ts(), user.name());
        whenUp(() -> run(room, "join", uid, user.name(), "-1", EventCodec.fields(event, null, 0)));
    }

    /** Takes a member out without an event: before a join is tried again, in case the failed try ran. */
    private void silentLeave(String room, String uid, String name) {
        RoomEvent event = new ServerLine.Leave(room, 0, ts(), name, null);
        run(room, "leave", uid, name, "0", EventCodec.fields(event, null, 0));
    }

    /**
     * Publishes a leave (reason null: none shown), now or once the link is back; nothing if the
     * user is no member any more.
     */
    void leave(String room, String uid, String name, String reason) {
        RoomEvent event = new ServerLine.Leave(room, 0, ts(), name, reason);
        whenUp(() -> run(room, "leave", uid, name, "1", EventCodec.fields(event, null, 0)));
    }

    private CompletionStage<List<Object>> run(String room, String op, String uid, String name, String flag,
                                              List<String> fields) {
        String[] keys = {Keys.seq(room), Keys.log(room), Keys.members(room), Keys.ROOMS};
        List<String> args = new ArrayList<>(6 + fields.size());
        args.add(op);
        args.add(Integer.toString(STREAM_LENGTH));
        args.add(room);
        args.add(uid);
        args.add(name);
        args.add(flag);
        args.addAll(fields);
        long start = System.nanoTime();
        CompletionStage<List<Object>> reply = Scripts.ROOM_EVENT.run(redis, keys, args.toArray(String[]::new));
        return reply.whenComplete((r, failure) -> {
            if (failure == null) clusterMetrics.published(System.nanoTime() - start);
        });
    }

    private String ts() {
        return Renderer.timestamp(clock.instant());
    }

}
