package dev.chatd.bench.report;

import tools.jackson.databind.JsonNode;

/**
 * How the connections of a connect storm fared, as chat-bench's {@code storm} result says: each
 * connection opened is logged in, or in one of the other counts.
 *
 * @param connectRate connections opened per second
 * @param pending     still waiting for the welcome, the prompt or their join when the run ended
 */
public record StormCounts(int connectRate, int opened, int loggedIn, int connectErrors, int resets, int closed,
                          int refused, int pending) {

    /** Every connection opened logged in; nothing failed, nothing left waiting. */
    public boolean allIn() {
        return opened > 0 && loggedIn == opened && connectErrors + resets + closed + refused + pending == 0;
    }

    /** Connections closed, refused or still waiting at the end: lost to their users, though not reset. */
    public int lost() {
        return closed + refused + pending;
    }

    /** The counts of a result's {@code storm} object; null if it has none. */
    static StormCounts from(JsonNode storm) {
        if (!storm.isObject()) return null;
        return new StormCounts(storm.path("connectRate").asInt(), storm.path("opened").asInt(),
                storm.path("loggedIn").asInt(), storm.path("connectErrors").asInt(), storm.path("resets").asInt(),
                storm.path("closed").asInt(), storm.path("refused").asInt(), storm.path("pending").asInt());
    }
}
