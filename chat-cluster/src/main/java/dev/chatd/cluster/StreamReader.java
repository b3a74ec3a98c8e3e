package dev.chatd.cluster;

import dev.chatd.common.metrics.ChatMetrics;
import dev.chatd.common.render.RenderedLine;
import dev.chatd.common.render.Renderer;
import dev.chatd.common.render.ServerLine;
import dev.chatd.common.render.ServerLine.RoomEvent;
import dev.chatd.common.room.LeaveReason;
import dev.chatd.common.room.User;
import dev.chatd.common.text.Names;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that hands this node's users what Redis's streams hold: one blocking XREAD on a
 * connection of its own, over the streams of the rooms this node has users in and this node's
 * inbox (private lines), each from the last entry it read. So a room's events reach this node's
 * members in stream order, which is {@code seq} order, and after a lost connection the next read
 * resumes exactly where the last one stopped.
 *
 * <p>Which streams it reads changes only on this thread, between reads; a change is queued and
 * the reader woken by an entry in the inbox.
 */
final class StreamReader implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(StreamReader.class);
    private static final Duration BLOCK = Duration.ofSeconds(1);
    private static final int BATCH = 1000;

    /** A stream this reader reads, and the last entry it handed on. */
    private static final class Cursor {
        final ClusterRoom room; // null for the inbox
        String lastId;

        Cursor(ClusterRoom room, String lastId) {
            this.room = room;
            this.lastId = lastId;
        }
    }

    private final RedisCommands<String, String> reading;
    private final RedisAsyncCommands<String, String> commands;
    private final String inbox;
    private final ClusterDirectory directory;
    private final ClusterNames names;
    private final Renderer renderer;
    private final ChatMetrics metrics;
    private final ClusterMetrics clusterMetrics;
    private final LinkWatcher linkWatcher;
    private final Rejoiner rejoiner;
    private final Queue<Runnable> changes = new ConcurrentLinkedQueue<>();
    private final Map<String, Cursor> cursors = new HashMap<>(); // this thread only
    /** Waits for the reads to pass the streams' last entries as they were when asked; this thread only. */
    private final List<CatchUp> catchUps = new ArrayList<>();

    private record CatchUp(Map<String, String> targets, CompletableFuture<Void> done) {}
    private volatile boolean running = true;

    StreamReader(RedisCommands<String, String> reading, RedisAsyncCommands<String, String> commands, String instance,
                 ClusterDirectory directory, ClusterNames names, Renderer renderer, ChatMetrics metrics,
                 ClusterMetrics clusterMetrics, LinkWatcher linkWatcher, Rejoiner rejoiner) {
        this.reading = reading;
        this.commands = commands;
        this.inbox = Keys.inbox(instance);
        this.directory = directory;
        this.names = names;
        this.renderer = renderer;
        this.metrics = metrics;
        this.clusterMetrics = clusterMetrics;
        this.linkWatcher = linkWatcher;
        this.rejoiner = rejoiner;
        cursors.put(inbox, new Cursor(null, "0-0"));
    }

    /**
     * Starts reading a room whose first join by this node has come back from Redis as {@code reply}
     * ({seq, id, members before the join, history before the join, newest first}).
     */
    void activate(ClusterRoom room, List<Object> reply) {
        String joinId = (String) reply.get(1);
        List<?> before = reply.size() > 2 ? (List<?>) reply.get(2) : List.of();
        List<?> tail = reply.size() > 3 ? (List<?>) reply.get(3) : List.of();
        changes.add(() -> {
            if (directory.current(room.name()) != room) return; // its users left meanwhile
            synchronized (room.room) {
                for (Object name : before) room.members.add(String.valueOf(name));
                for (int i = tail.size() - 1; i >= 0; i--) {
                    List<?> entry = (List<?>) tail.get(i);
                    RoomEvent event = EventCodec.decode(room.name(), EventCodec.body((List<?>) entry.get(1)));
                    if (event != null) room.room.remember(new RenderedLine(event, renderer));
                }
            }
            cursors.put(Keys.log(room.name()), new Cursor(room, StreamIds.before(joinId)));
        });
        wake();
    }

    /** Stops reading a room this node has no users in any more. */
    void deactivate(ClusterRoom room) {
        changes.add(() -> {
            Cursor cursor = cursors.get(Keys.log(room.name()));
            if (cursor != null && cursor.room == room) cursors.remove(Keys.log(room.name()));
        });
    }

    /**
     * Redis came back without its data: every stream starts over. Before its next read this
     * reader tells each room's members here {@code * history of #<room> was reset}, forgets the
     * room's history, and reads every stream from its start, so the new events come from seq 1,
     * gap-free, after the notice.
     */
    void startOver() {
        changes.add(() -> {
            for (Cursor cursor : cursors.values()) {
                cursor.lastId = "0-0";
                if (cursor.room == null) continue;
                synchronized (cursor.room.room) {
                    cursor.room.room.resetHistory(new ServerLine.Info(historyReset(cursor.room.name())));
                }
            }
        });
        wake();
    }

    /** The notice a room's members get when its history starts over. */
    static String historyReset(String room) {
        return "history of #" + room + " was reset";
    }

    /**
     * Completes once every room event that is in Redis now, in the streams this node reads, has
     * been handed to its members here (at shutdown, before the notice). Each stream's last entry is
     * looked up on this reader's thread, between reads; the reads then carry on as ever.
     */
    CompletableFuture<Void> caughtUp() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        changes.add(() -> {
            Map<String, String> targets = new HashMap<>();
            try {
                for (Map.Entry<String, Cursor> e : cursors.entrySet()) {
                    if (e.getValue().room == null) continue;
                    List<StreamMessage<String, String>> last = reading.xrevrange(e.getKey(), Range.create("-", "+"), Limit.from(1));
                    if (!last.isEmpty()) targets.put(e.getKey(), last.get(0).getId());
                }
            } catch (RedisException e) {
                done.complete(null); // the link is gone: nothing more will come before the notice
                return;
            }
            catchUps.add(new CatchUp(targets, done));
            settleCatchUps();
        });
        wake();
        return done;
    }

    /** Completes the catch-ups whose targets every cursor has passed (or whose room is read no more). */
    private void settleCatchUps() {
        catchUps.removeIf(catchUp -> {
            for (Map.Entry<String, String> target : catchUp.targets().entrySet()) {
                Cursor cursor = cursors.get(target.getKey());
                if (cursor != null && StreamIds.compare(cursor.lastId, target.getValue()) < 0) return false;
            }
            catchUp.done().complete(null);
            return true;
        });
    }

    /** Ends the loop after its current read. */
    void stop() {
        running = false;
        wake();
    }

    @Override
    public void run() {
        while (running) {
            for (Runnable change; (change = changes.poll()) != null; ) change.run();
            List<XReadArgs.StreamOffset<String>> offsets = new ArrayList<>(cursors.size());
            for (Map.Entry<String, Cursor> e : cursors.entrySet()) {
                offsets.add(XReadArgs.StreamOffset.from(e.getKey(), e.getValue().lastId));
            }
            List<StreamMessage<String, String>> batch;
            try {
                @SuppressWarnings("unchecked")
                XReadArgs.StreamOffset<String>[] array = offsets.toArray(XReadArgs.StreamOffset[]::new);
                batch = reading.xread(XReadArgs.Builder.block(BLOCK).count(BATCH), array);
                // Read while the link was down: maybe from a Redis that came back empty, so read
                // again once the link is restored (and the data set refilled), from the cursors then.
                if (!linkWatcher.readSucceeded()) continue;
            } catch (RedisException e) {
                if (!running) break;
                log.debug("stream read failed: {}", e.toString());
                linkWatcher.readFailed();
                continue;
            }
            if (batch == null) continue;
            for (StreamMessage<String, String> message : batch) {
                Cursor cursor = cursors.get(message.getStream());
                if (cursor == null) continue;
                cursor.lastId = message.getId();
                clusterMetrics.eventsReceived.increment();
                try {
                    if (cursor.room == null) privateLine(message.getBody());
                    else deliver(cursor.room, message.getBody());
                } catch (RuntimeException e) {
                    // A bug in applying one event must not end this thread: every room of the
                    // node would go silent (RenameBeforeJoinTest's bug did that), so say it and read on.
                    log.error("could not deliver {} of {}; reading on", message.getId(), message.getStream(), e);
                }
            }
            if (!catchUps.isEmpty()) settleCatchUps();
        }
    }

    private void deliver(ClusterRoom room, Map<String, String> body) {
        RoomEvent event = EventCodec.decode(room.name(), body);
        if (event == null) return;
        RenderedLine line = new RenderedLine(event, renderer);
        User own = null;
        User lostHere = null;
        synchronized (room.room) {
            // A room this node no longer holds: its users have all left, and the change that stops
            // reading it is still queued. What it reads now is nobody's here, and must not count as
            // anyone's own event arriving: a user who has joined the room anew since is pending in
            // the new room, whose read starts at its first join and hands them these events then.
            // (Counting them here let that user's /join or /quit stop waiting for their own lines
            // before they had seen them.) Checked holding the room's lock, which the last exit holds
            // too, so the room cannot stop being current during the delivery.
            if (directory.current(room.name()) != room) return;
            User joined = null;
            if (event instanceof ServerLine.Join join) {
                room.members.add(join.user());
                String uid = body.get("u");
                if (uid != null) {
                    joined = room.pending.remove(uid);
                    if (joined != null) room.room.add(joined);
                }
            } else if (event instanceof ServerLine.Leave leave) {
                room.members.remove(leave.user());
                lostHere = announcedLostButHere(room, leave);
            } else if (event instanceof ServerLine.Nick nick) {
                room.members.rename(nick.from(), nick.to());
            }
            metrics.linesDelivered(room.room.broadcast(line));
            if (joined != null) joined.tellNow(new ServerLine.Users(room.name(), room.members.sorted()));
            String sender = body.get("u");
            if (sender != null && body.get("n") != null) own = names.byUid(sender);
        }
        // Outside the room's lock: the replies that waited for it (a /who, a /history) go out now,
        // and take the lock of the room they were asked in. Nothing of the room can come between:
        // this thread delivers all of it.
        if (own != null) own.ownEventArrived(Long.parseLong(body.get("n")));
        if (lostHere != null) rejoiner.takeBack(room.name(), lostHere);
    }

    /**
     * The user of this node, still a member of {@code room} here, whom {@code leave} announces as
     * lost by another node (this node was cut off for longer than its heartbeat lives), or null.
     * Holding the room's lock.
     */
    private User announcedLostButHere(ClusterRoom room, ServerLine.Leave leave) {
        if (!LeaveReason.NODE_LOST.text().equals(leave.reason())) return null;
        User holder = names.holder(Names.key(leave.user()));
        if (holder == null || !holder.name().equals(leave.user()) || holder.room() != room.room) return null;
        return room.pending.containsValue(holder) ? null : holder;
    }

    private void privateLine(Map<String, String> body) {
        String uid = body.get("u");
        if (uid == null) return; // a wake-up
        User to = names.byUid(uid);
        if (to != null) to.tell(new ServerLine.Private(body.get("f"), to.name(), body.get("t"), false));
    }

    /** Makes the blocked read return: an entry in this node's own inbox, which it always reads. */
    void wake() {
        commands.xadd(inbox, XAddArgs.Builder.maxlen(1000).approximateTrimming(), Map.of("w", "1"));
    }
}
