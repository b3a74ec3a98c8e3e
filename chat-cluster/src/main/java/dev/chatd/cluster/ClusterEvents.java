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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

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
 */
final class ClusterEvents implements RoomEvents {

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
    /** Lines sent while the link was down, in order; guarded by itself. */
    private final java.util.ArrayDeque<Runnable> held = new java.util.ArrayDeque<>();
    /** Where a sender hears of a failed publish: a thread that holds no lock (Lettuce's event executors). */
    private final Executor failures;

    ClusterEvents(RedisAsyncCommands<String, String> redis, ClusterNames names, Clock clock, int historyEvents,
                  ClusterMetrics clusterMetrics, ClusterLink link, Executor failures) {
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
            if (link.isUp() || held.size() < HOLD_LIMIT) {
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
                    clusterMetrics.linesHeld.increment();
                }
                return;
            }
        }
        if (sender != null) failures.execute(() -> sender.error(ChatHub.NOT_SENT)); // neither sent nor held
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
            return link.markUp();
        }
    }

    /** Lines held now, for the metrics. */
    int heldCount() {
        synchronized (held) {
            return held.size();
        }
    }

    /**
     * Publishes {@code name}'s join; with {@code snapshot} the reply also holds the room's members
     * and its last history events as of just before the join, for a node that starts reading it.
     */
    CompletionStage<List<Object>> join(String room, User user, String uid, boolean snapshot) {
        RoomEvent event = new ServerLine.Join(room, 0, ts(), user.name());
        long ticket = user.expectOwnEvent();
        CompletionStage<List<Object>> reply = run(room, "join", uid, user.name(),
                snapshot ? Integer.toString(historyEvents) : "-1", EventCodec.fields(event, uid, ticket));
        // Sent holding the directory's and the room's locks: a join Lettuce refuses at once must
        // not tell the user there (see the class comment).
        reply.whenCompleteAsync((r, failure) -> {
            if (failure != null) user.ownEventArrived(ticket);
        }, failures);
        return reply;
    }

    /** Publishes a leave (reason null: none shown); nothing if the user is no member any more. */
    CompletionStage<List<Object>> leave(String room, String uid, String name, String reason) {
        RoomEvent event = new ServerLine.Leave(room, 0, ts(), name, reason);
        return run(room, "leave", uid, name, "1", EventCodec.fields(event, null, 0));
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
