package dev.chatd.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The counters of all users served by one event loop. Only that loop's thread touches them, so
 * they are plain fields; other threads read them through {@link #counters()} run as a task on the
 * loop (see {@link EventLoops#onEach}).
 */
public final class LoopStats {

    final LatencyHistogram latency = new LatencyHistogram();
    final ParsedMessage parsed = new ParsedMessage();
    final List<BenchUser> users = new ArrayList<>();
    final List<Sender> senders = new ArrayList<>();

    /** Benchmark messages received, in order or not. */
    long deliveries;
    /** How far the receivers' expected sequence numbers moved: deliveries plus gaps, minus repeats. */
    long accounted;
    /** Messages skipped over by a gap. */
    long lost;
    long outOfOrder;
    /** Room lines that were not benchmark messages, or named no known sender. */
    long unparsed;
    /** Lines starting with "! " after login. */
    long errorLines;
    long joinLines;
    long leaveLines;
    /** Users whose connection ended after login while the run was going on. */
    long disconnects;
    /** The last connection error after login, for the report; null if none. */
    String lastError;
    /** The first line telling that someone left, which says why; null if none. */
    String firstLeaveLine;
    long firstDeliveryNanos = Long.MAX_VALUE;
    long lastDeliveryNanos = Long.MIN_VALUE;

    /** A copy of the counters, to be called on this loop. */
    Counters counters() {
        long sent = 0;
        long firstSend = Long.MAX_VALUE;
        int sendersDone = 0;
        for (Sender s : senders) {
            sent += s.sentInPhase();
            firstSend = Math.min(firstSend, s.firstSendNanos());
            if (s.isDone()) sendersDone++;
        }
        return new Counters(deliveries, accounted, lost, outOfOrder, unparsed, errorLines, joinLines, leaveLines,
                disconnects, firstDeliveryNanos, lastDeliveryNanos, sent, firstSend, sendersDone, senders.size());
    }

    /** Starts a new measurement: the receivers' sequence checks go on, everything counted restarts. */
    void resetMeasurement() {
        latency.reset();
        deliveries = 0;
        accounted = 0;
        lost = 0;
        outOfOrder = 0;
        unparsed = 0;
        errorLines = 0;
        firstDeliveryNanos = Long.MAX_VALUE;
        lastDeliveryNanos = Long.MIN_VALUE;
    }

    /**
     * The counters of one loop, or of all of them added up.
     *
     * @param sent           messages sent in this phase
     * @param firstSendNanos earliest send of this phase ({@link Long#MAX_VALUE} if none)
     */
    record Counters(long deliveries, long accounted, long lost, long outOfOrder, long unparsed, long errorLines,
                    long joinLines, long leaveLines, long disconnects, long firstDeliveryNanos, long lastDeliveryNanos,
                    long sent, long firstSendNanos, int sendersDone, int senders) {

        static final Counters ZERO = new Counters(0, 0, 0, 0, 0, 0, 0, 0, 0, Long.MAX_VALUE, Long.MIN_VALUE,
                0, Long.MAX_VALUE, 0, 0);

        Counters plus(Counters o) {
            return new Counters(deliveries + o.deliveries, accounted + o.accounted, lost + o.lost,
                    outOfOrder + o.outOfOrder, unparsed + o.unparsed, errorLines + o.errorLines,
                    joinLines + o.joinLines, leaveLines + o.leaveLines, disconnects + o.disconnects,
                    Math.min(firstDeliveryNanos, o.firstDeliveryNanos), Math.max(lastDeliveryNanos, o.lastDeliveryNanos),
                    sent + o.sent, Math.min(firstSendNanos, o.firstSendNanos), sendersDone + o.sendersDone,
                    senders + o.senders);
        }

        boolean allSendersDone() {
            return sendersDone == senders;
        }
    }
}
