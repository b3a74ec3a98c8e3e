package dev.chatd.bench;

/**
 * Checks, for one receiver, that every sender's messages arrive complete and in order: it keeps
 * the next expected sequence number per sender in an int array, so a check is an array read.
 *
 * <p>A gap counts the skipped messages as lost at once; a message older than expected (a
 * duplicate, or one that arrives after a later one) counts as out of order. A swapped pair thus
 * shows up as one lost and one out of order: either way the run is not clean.
 */
public final class SequenceChecker {

    /** What one received message means. */
    public enum Outcome { IN_ORDER, AFTER_GAP, OUT_OF_ORDER, UNKNOWN_SENDER }

    private final int[] next;
    private long lost;
    private long outOfOrder;
    private int lastSkipped;

    public SequenceChecker(int senders) {
        this.next = new int[senders];
    }

    /** Checks one received message of {@code sender} numbered {@code seq}. */
    public Outcome accept(int sender, int seq) {
        if (sender < 0 || sender >= next.length) return Outcome.UNKNOWN_SENDER;
        int expected = next[sender];
        if (seq == expected) {
            next[sender] = seq + 1;
            return Outcome.IN_ORDER;
        }
        if (seq > expected) {
            lastSkipped = seq - expected;
            lost += lastSkipped;
            next[sender] = seq + 1;
            return Outcome.AFTER_GAP;
        }
        outOfOrder++;
        return Outcome.OUT_OF_ORDER;
    }

    /** Messages that never came: skipped over so far, plus those sent after the last one seen. */
    public long lostGiven(int[] sentPerSender) {
        long missing = lost;
        for (int s = 0; s < next.length; s++) missing += Math.max(0, sentPerSender[s] - next[s]);
        return missing;
    }

    /** How many messages the last {@link Outcome#AFTER_GAP} skipped. */
    public int lastSkipped() {
        return lastSkipped;
    }

    /** Messages skipped over so far (not counting any still on their way). */
    public long lostSoFar() {
        return lost;
    }

    public long outOfOrder() {
        return outOfOrder;
    }
}
