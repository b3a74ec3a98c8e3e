package dev.chatd.common.room;

import dev.chatd.common.config.ChatConfig;

/**
 * How many of a user's own room events may be on their way back (in a cluster, through Redis)
 * before the user's next line waits: the cluster's form of "a sender is paced by their echo"
 * (docs/protocol.md, "Several nodes, one chat"). On one server the echo of a line is in the
 * sender's output before the next line is read, and reading waits while that output is over the
 * limit; in flight, the echo is in nobody's output yet, so without a bound a flooder's lines were
 * all read before the first echo came back, and the echoes then landed together, over the limit.
 *
 * <p>A count rather than bytes, so tickets need no size: the bound is sized for the longest echo
 * one event can have, {@link #longestEcho}, and keeps everything in flight within half the
 * output limit even then, leaving the other half for the room's other lines meanwhile. At the
 * defaults (1 MiB, 4096-byte lines) that is 40 events, far more than the input rate (20 lines a
 * second) needs at any Redis round trip.
 */
public final class OwnEventBound {

    /**
     * JSON's envelope around the text, with the longest room and user names: keys and punctuation,
     * a 19-digit seq, the timestamp, and two names of 32 code points of up to four bytes each.
     */
    private static final int ENVELOPE_BYTES = 512;

    private OwnEventBound() {
    }

    /** Own events a user of this config may have in flight before their reader waits; at least 1. */
    public static int of(ChatConfig config) {
        long bound = config.outputLimitBytes() / (2 * longestEcho(config.maxLineBytes()));
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, bound));
    }

    /**
     * The most bytes one own event's echo can take: a line at the limit whose every byte is
     * invalid UTF-8 turns into as many U+FFFD, three bytes each (the worst growth: a quote escaped
     * in JSON only doubles), plus the envelope.
     */
    static long longestEcho(int maxLineBytes) {
        return 3L * maxLineBytes + ENVELOPE_BYTES;
    }
}
