package dev.chatd.common.flow;

import java.util.function.LongSupplier;

/**
 * The per-connection input rate limiter: {@code ratePerSecond} lines per second on average, with
 * bursts of up to {@code burst} lines. It starts full. A connection asks before it handles each
 * line; when the answer is a wait, it stops reading for that long, so TCP backpressure throttles
 * the sender and no line is dropped.
 *
 * <p>Not thread-safe: each connection owns one and uses it from the one thread that reads its
 * lines. Works in exact integer arithmetic (no rounding drift) and allocates nothing per call.
 */
public final class TokenBucket {

    /** One token, in the bucket's internal unit: a rate of r adds r units per nanosecond. */
    private static final long UNIT = 1_000_000_000L;

    private final long rate;
    private final long capacity;
    private final LongSupplier nanoClock;
    private long level;
    private long lastRefill;

    /**
     * @param ratePerSecond average tokens per second; 0 turns the limiter off
     * @param burst         most tokens held at once, at least 1 when the limiter is on
     * @param nanoClock     monotonic time in nanoseconds, normally {@code System::nanoTime}
     */
    public TokenBucket(int ratePerSecond, int burst, LongSupplier nanoClock) {
        if (ratePerSecond < 0) {
            throw new IllegalArgumentException("rate must be 0 (off) or more: " + ratePerSecond);
        }
        if (ratePerSecond > 0 && burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1: " + burst);
        }
        if (nanoClock == null) {
            throw new NullPointerException("nanoClock");
        }
        this.rate = ratePerSecond;
        this.capacity = ratePerSecond == 0 ? 0 : burst * UNIT;
        this.nanoClock = nanoClock;
        this.level = capacity;
        this.lastRefill = ratePerSecond == 0 ? 0 : nanoClock.getAsLong();
    }

    /** A bucket on the system's monotonic clock. */
    public TokenBucket(int ratePerSecond, int burst) {
        this(ratePerSecond, burst, System::nanoTime);
    }

    /** Whether this bucket limits anything; when false {@link #acquire()} always answers 0. */
    public boolean enabled() {
        return rate > 0;
    }

    /**
     * Takes a token if one is available and returns 0; otherwise takes nothing and returns how
     * many nanoseconds (at least 1) to wait until one will be. Calling again after waiting that
     * long succeeds, provided nobody else took from this bucket meanwhile.
     */
    public long acquire() {
        if (rate == 0) {
            return 0;
        }
        refill(nanoClock.getAsLong());
        if (level >= UNIT) {
            level -= UNIT;
            return 0;
        }
        long missing = UNIT - level;
        return (missing + rate - 1) / rate;
    }

    private void refill(long now) {
        long elapsed = now - lastRefill;  // a difference, so nanoTime wrap-around is harmless
        if (elapsed <= 0) {
            return;
        }
        lastRefill = now;
        long missing = capacity - level;
        // Compare before multiplying: elapsed * rate could overflow after a long idle spell.
        if (elapsed >= (missing + rate - 1) / rate) {
            level = capacity;
        } else {
            level += elapsed * rate;
        }
    }
}
