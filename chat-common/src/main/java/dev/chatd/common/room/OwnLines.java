package dev.chatd.common.room;

import java.util.ArrayDeque;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A user's own room events still on their way back (in a cluster, from Redis), and the output to
 * that user that must wait for them: what a user is sent comes in the order of the lines they
 * typed, so a reply to a later line (a {@code /who}, a telnet TIMING-MARK answer) never overtakes
 * the user's own earlier line. In one process every event is delivered before its publish
 * returns, so nothing ever waits and {@link #send} runs at once.
 *
 * <p>It also bounds how many of them may be in flight ({@link OwnEventBound}): the user's reader
 * asks {@link #underBound} before each line, and waits on {@link #whenUnderBound} while it is not.
 *
 * <p>What waits is run outside this monitor, one at a time and in order, by the thread that made
 * it ready, which takes that on in the same step (and runs on over what becomes ready while it
 * runs; a thread that finds another at it leaves it the work). Outside, because a send may read the
 * room (the user's {@code /who}, {@code /history}, format switch) and take the room's lock, and
 * threads holding a room's lock take this monitor (for a ticket, or to say one arrived): so this
 * monitor is never held while anything else is taken. The rule that follows, for the callers:
 * whoever may make such a send ready ({@link #arrived}, {@link #allLost}) holds no lock of the
 * room model. {@link #send} may be called holding a room's lock for a line that takes none (the local
 * directory's users line), since sends that read the room are queued only by the user's reader
 * holding no lock, and in one process they are ready at once, so nobody else runs them.
 */
final class OwnLines {

    private record Deferred(long after, Runnable send) {}

    // Every user has one of these, most of them idle: the queue starts at two slots (the default
    // is seventeen), and the two sets below exist only once the user has sent a /msg.
    private final ArrayDeque<Deferred> waiting = new ArrayDeque<>(1);
    /** Tickets of events answered on their own ({@link #expectAnswer}) whose answer has not come; null until the first. */
    private TreeSet<Long> unanswered;
    /** Tickets past {@link #back} whose answer has come on its own; null until the first. */
    private TreeSet<Long> answered;
    // Written holding the monitor; volatile so that underBound, asked before every line, takes no lock.
    private volatile long sent;
    /** The highest ticket that came back in the order of the user's room events ({@link #arrived(long)}). */
    private long reached;
    /** Every ticket up to this one has arrived. */
    private volatile long back;
    /** A thread is running what is ready, outside the monitor. */
    private boolean running;
    private final int bound;
    /** The reader waiting for fewer than {@link #bound} in flight; null when none waits. */
    private CompletableFuture<Void> waitingReader;
    /** The reader waiting for everything in flight to arrive ({@link #whenAllBack}); null when none waits. */
    private CompletableFuture<Void> allBackWaiter;

    /** @param bound how many events may be in flight before {@link #underBound} says no */
    OwnLines(int bound) {
        this.bound = bound;
    }

    /** An event of the user's is on its way back in the order of its room events; returns its ticket, for {@link #arrived}. */
    synchronized long expect() {
        return ++sent;
    }

    /**
     * An event whose answer comes on its own, out of the order the user's room events come back
     * in (a {@code /msg}: at once, or when the store answers); returns its ticket, for
     * {@link #arrived(long, Runnable)}. Its answer says nothing about the events before it, and
     * until it comes none after it counts as arrived.
     */
    synchronized long expectAnswer() {
        long ticket = ++sent;
        if (unanswered == null) unanswered = new TreeSet<>();
        unanswered.add(ticket);
        return ticket;
    }

    /**
     * The event with that ticket has been delivered, or never will be, and so has every earlier one
     * of {@link #expect}'s (they come back in the order sent); not those of {@link #expectAnswer}'s
     * still unanswered.
     */
    void arrived(long ticket) {
        boolean run;
        synchronized (this) {
            if (ticket > reached) reached = ticket;
            advance();
            run = claim();
        }
        runClaimed(run);
    }

    /**
     * The answer of an event of {@link #expectAnswer}'s, whose output is only known now (a
     * {@code /msg} echo): {@code atPlace} runs at the event's place, after what waits for earlier
     * events (once those have arrived) and before what waits for this one. Earlier events still
     * on their way are not taken as arrived.
     */
    void arrived(long ticket, Runnable atPlace) {
        boolean run;
        synchronized (this) {
            ArrayDeque<Deferred> later = new ArrayDeque<>();
            while (!waiting.isEmpty() && waiting.peekLast().after() >= ticket) later.addFirst(waiting.pollLast());
            waiting.add(new Deferred(ticket - 1, atPlace));
            waiting.addAll(later);
            if (unanswered != null) unanswered.remove(ticket);
            if (ticket > back) {
                if (answered == null) answered = new TreeSet<>();
                answered.add(ticket);
            }
            advance();
            run = claim();
        }
        runClaimed(run);
    }

    /**
     * Moves {@link #back} as far as every ticket has arrived: up to what came back in order, but
     * not past an answer still to come; then over the answers that came on their own.
     */
    private void advance() {
        long limit = unanswered == null || unanswered.isEmpty() ? Long.MAX_VALUE : unanswered.first() - 1;
        long to = Math.max(back, Math.min(reached, limit));
        if (to >= reached && answered != null) {
            while (answered.contains(to + 1)) to++;
        }
        back = to;
        if (answered != null) answered.headSet(back, true).clear();
        notifyAll();
    }

    /** Every event expected so far has arrived: a plain check, as {@link #underBound}. */
    boolean allBack() {
        return back >= sent;
    }

    /**
     * Fewer than the bound are in flight, so the user's next line may be handled: a plain check
     * without the lock (only the user's reader takes tickets, and it is the one asking).
     */
    boolean underBound() {
        return sent - back < bound;
    }

    /**
     * Completes once {@link #underBound} holds (at once if it does now), or on {@link #release}. It
     * completes on whichever thread reported the event back: what waits on it must go on
     * elsewhere, on its own thread.
     */
    synchronized CompletableFuture<Void> whenUnderBound() {
        if (underBound()) return CompletableFuture.completedFuture(null);
        if (waitingReader == null) waitingReader = new CompletableFuture<>();
        return waitingReader;
    }

    /**
     * Every event expected so far will never come back to this user (the store lost them, a Redis
     * restarted empty; or the user has left): they are taken as arrived, so what waited for them is sent now and the reader is
     * not held by the bound for events that cannot arrive. One arriving after all does nothing.
     */
    void allLost() {
        boolean run;
        synchronized (this) {
            reached = Math.max(reached, sent);
            if (unanswered != null) unanswered.clear();
            if (answered != null) answered.clear();
            back = sent;
            notifyAll();
            run = claim();
        }
        runClaimed(run);
    }

    /** Lets a reader waiting on {@link #whenUnderBound} go on, whatever is in flight. */
    void release() {
        CompletableFuture<Void> reader;
        synchronized (this) {
            reader = waitingReader;
            waitingReader = null;
        }
        if (reader != null) reader.complete(null);
    }

    /** Runs {@code send} now if nothing of the user's is on its way, else once it all has arrived. */
    void send(Runnable send) {
        boolean run;
        synchronized (this) {
            waiting.add(new Deferred(sent, send));
            run = claim();
        }
        runClaimed(run);
    }

    /**
     * Completes once every event expected so far has arrived and what waited for them has been
     * sent (at once if nothing is on its way), or on {@link #lift}. After {@code millis} they are
     * taken as arrived ({@link #allLost}), so neither this nor any output waits for them longer.
     * Like {@link #whenUnderBound}, it completes on whichever thread made it so: what waits on it
     * goes on elsewhere. Asked by the user's reader, which takes no ticket while it waits.
     */
    CompletableFuture<Void> whenAllBack(long millis) {
        CompletableFuture<Void> allBack;
        synchronized (this) {
            if (back >= sent && !running) return CompletableFuture.completedFuture(null);
            if (allBackWaiter != null) return allBackWaiter;
            allBack = allBackWaiter = new CompletableFuture<>();
        }
        CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS).execute(() -> {
            if (!allBack.isDone()) allLost();
        });
        return allBack;
    }

    /** Lets a reader waiting on {@link #whenUnderBound} or {@link #whenAllBack} go on, whatever is in flight. */
    void lift() {
        release();
        CompletableFuture<Void> allBack;
        synchronized (this) {
            allBack = allBackWaiter;
            allBackWaiter = null;
        }
        if (allBack != null) allBack.complete(null);
    }

    /**
     * Holding the monitor, in the step that made a send ready: true if this thread is now the one to
     * run what is ready; false if nothing is, or another thread is at it and will run it too.
     */
    private boolean claim() {
        if (running || waiting.isEmpty() || waiting.peek().after() > back) return false;
        running = true;
        return true;
    }

    /**
     * If {@code claimed}, runs what is ready, in order, outside the monitor, until nothing is; then
     * lets a reader waiting on the bound go on, if it may now.
     */
    private void runClaimed(boolean claimed) {
        if (claimed) {
            boolean finished = false;
            try {
                for (Runnable next; (next = nextReady()) != null; ) next.run();
                finished = true;
            } finally {
                if (!finished) stopRunning(); // a send threw: the next thread that makes one ready runs on
            }
        }
        if (underBound()) release();
        CompletableFuture<Void> allBack = null;
        synchronized (this) {
            if (allBackWaiter != null && back >= sent && !running) {
                allBack = allBackWaiter;
                allBackWaiter = null;
            }
        }
        if (allBack != null) allBack.complete(null);
    }

    /**
     * The next send that waits for nothing still on its way; or null, and then this thread has
     * stopped running, in the same step, so a send made ready meanwhile is run by its own thread.
     */
    private synchronized Runnable nextReady() {
        if (!waiting.isEmpty() && waiting.peek().after() <= back) return waiting.poll().send();
        stopRunning();
        return null;
    }

    private synchronized void stopRunning() {
        running = false;
        notifyAll();
    }
}
