package dev.chatd.common.room;

import java.util.ArrayDeque;

/**
 * A user's own room events still on their way back (in a cluster, from Redis), and the output to
 * that user that must wait for them: what a user is sent comes in the order of the lines they
 * typed, so a reply to a later line (a {@code /who}, a telnet TIMING-MARK answer) never overtakes
 * the user's own earlier line. In one process every event is delivered before its publish
 * returns, so nothing ever waits and {@link #send} runs at once.
 *
 * <p>Its own monitor; what it runs may take the user's lock, never the other way round.
 */
final class OwnLines {

    private record Deferred(long after, Runnable send) {}

    private final ArrayDeque<Deferred> waiting = new ArrayDeque<>();
    private long sent;
    private long back;

    /** An event of the user's is on its way; returns its ticket, for {@link #arrived}. */
    synchronized long expect() {
        return ++sent;
    }

    /** The event with that ticket (and all before it) has been delivered, or never will be. */
    synchronized void arrived(long ticket) {
        if (ticket > back) back = ticket;
        drain();
        notifyAll();
    }

    /**
     * As {@link #arrived(long)}, for an event whose output is only known now (a {@code /msg} echo,
     * after the store's answer): {@code atPlace} runs at the event's place, after what waits for
     * earlier events and before what waits for this one.
     */
    synchronized void arrived(long ticket, Runnable atPlace) {
        ArrayDeque<Deferred> later = new ArrayDeque<>();
        while (!waiting.isEmpty() && waiting.peekLast().after() >= ticket) later.addFirst(waiting.pollLast());
        waiting.add(new Deferred(ticket - 1, atPlace));
        waiting.addAll(later);
        arrived(ticket);
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
                drain();
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
