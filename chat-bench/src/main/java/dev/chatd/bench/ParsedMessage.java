package dev.chatd.bench;

/**
 * The numbers of one received benchmark message. Mutable and reused by one event loop, so that
 * parsing a line allocates nothing.
 */
public final class ParsedMessage {
    /** The sending user's index among the senders. */
    public int sender;
    /** The sender's own sequence number, from 0. */
    public int seq;
    /** When it was sent, in nanoseconds since the run's time base. */
    public long sentNanos;
    /** Room for the numbers while a line is parsed. */
    final long[] scratch = new long[3];
}
