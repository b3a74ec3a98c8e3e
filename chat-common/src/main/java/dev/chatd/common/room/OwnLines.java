package dev.chatd.common.room;

import java.util.ArrayDeque;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

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
 * <p>Its own monitor; what it runs may take the user's lock, never the other way round.
 */
final class OwnLines {

    private record Deferred(long after, Runnable send) {}

    private final ArrayDeque<Deferred> waiting = new ArrayDeque<>();
    /** Tickets of events answered on their own ({@link #expectAnswer}) whose answer has not come. */
    private final TreeSet<Long> unanswered = new TreeSet<>();
    /** Tickets past {@link #back} whose answer has come on its own. */
    private final TreeSet<Long> answered = new TreeSet<>();
    // Written holding the monitor; volatile so that underBound, asked before every line, takes no lock.
    private volatile long sent;
    /** The highest ticket that came back in the order of the user's room events ({@link #arrived(long)}). */
    private long reached;
    /** Every ticket up to this one has arrived. */
    private volatile long back;
    private final int bound;
    /** The reader waiting for fewer than {@link #bound} in flight; null when none waits. */
    private CompletableFuture<Void> waitingReader;

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
        unanswered.add(ticket);
        return ticket;
    }

    /**
     * The event with that ticket has been delivered, or never will be, and so has every earlier one
     * of {@link #expect}'s (they come back in the order sent); not those of {@link #expectAnswer}'s
     * still unanswered.
     */
    synchronized void arrived(long ticket) {
        if (ticket > reached) reached = ticket;
        advance();
    }

    /**
     * The answer of an event of {@link #expectAnswer}'s, whose output is only known now (a
     * {@code /msg} echo): {@code atPlace} runs at the event's place, after what waits for earlier
     * events (once those have arrived) and before what waits for this one. Earlier events still
     * on their way are not taken as arrived.
     */
    synchronized void arrived(long ticket, Runnable atPlace) {
        ArrayDeque<Deferred> later = new ArrayDeque<>();
        while (!waiting.isEmpty() && waiting.peekLast().after() >= ticket) later.addFirst(waiting.pollLast());
        waiting.add(new Deferred(ticket - 1, atPlace));
        waiting.addAll(later);
        unanswered.remove(ticket);
        if (ticket > back) answered.add(ticket);
        advance();
    }

    /**
     * Moves {@link #back} as far as every ticket has arrived: up to what came back in order, but
     * not past an answer still to come; then over the answers that came on their own.
     */
    private void advance() {
        long limit = unanswered.isEmpty() ? Long.MAX_VALUE : unanswered.first() - 1;
        long to = Math.max(back, Math.min(reached, limit));
        if (to >= reached) {
            while (answered.contains(to + 1)) to++;
        }
        back = to;
        answered.headSet(back, true).clear();
        drain();
        if (underBound()) release();
        notifyAll();
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
     * completes on whichever thread delivered the event, which may hold the room's lock and this
     * monitor: what waits on it must go on elsewhere, on its own thread.
     */
    synchronized CompletableFuture<Void> whenUnderBound() {
        if (underBound()) return CompletableFuture.completedFuture(null);
        if (waitingReader == null) waitingReader = new CompletableFuture<>();
        return waitingReader;
    }

    /** Lets a reader waiting on {@link #whenUnderBound} go on, whatever is in flight. */
    synchronized void release() {
        CompletableFuture<Void> reader = waitingReader;
        waitingReader = null;
        if (reader != null) reader.complete(null);
    }

    /** Runs {@code send} now if nothing of the user's is on its way, else once it all has arrived. */
    synchronized void send(Runnable send) {
        if (back >= sent && waiting.isEmpty()) {
            send.run();
        } else {
            waiting.add(new Deferred(sent, send));
        }
    }

    /**
     * Waits until every event expected so far has arrived, at most {@code millis}; past that they
     * are taken as arrived, so no output waits for them any longer. False if it timed out.
     */
    synchronized boolean await(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (back < sent) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                back = sent;
                reached = Math.max(reached, sent);
                unanswered.clear();
                answered.clear();
                drain();
                release();
                return false;
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private void drain() {
        while (!waiting.isEmpty() && waiting.peek().after() <= back) waiting.poll().send().run();
    }
}
