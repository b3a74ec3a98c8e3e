package dev.chatd.common.flow;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenBucketTest {

    /** A clock the test moves by hand. */
    private static final class FakeClock {
        long now;

        void advance(long nanos) {
            now += nanos;
        }
    }

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void burstIsAvailableAtOnceThenEachTokenTakesOneInterval() {
        FakeClock clock = new FakeClock();
        TokenBucket bucket = new TokenBucket(20, 200, () -> clock.now);
        for (int i = 0; i < 200; i++) {
            assertEquals(0, bucket.acquire(), "token " + i);
        }
        assertEquals(SECOND / 20, bucket.acquire());
        assertEquals(SECOND / 20, bucket.acquire(), "a refused acquire takes nothing");
        clock.advance(SECOND / 20 - 1);
        assertEquals(1, bucket.acquire());
        clock.advance(1);
        assertEquals(0, bucket.acquire());
        assertEquals(SECOND / 20, bucket.acquire());
    }

    @Test
    void waitingExactlyTheReturnedTimeAlwaysSucceeds() {
        FakeClock clock = new FakeClock();
        // 3 per second does not divide a second evenly: 333,333,333.3 ns per token.
        TokenBucket bucket = new TokenBucket(3, 2, () -> clock.now);
        assertEquals(0, bucket.acquire());
        assertEquals(0, bucket.acquire());
        long waited = 0;
        for (int i = 0; i < 3_000; i++) {
            long wait = bucket.acquire();
            assertTrue(wait > 0, "bucket should be empty at " + i);
            clock.advance(wait);
            waited += wait;
            assertEquals(0, bucket.acquire(), "after waiting " + wait + " at " + i);
        }
        // Rounding each wait up must not make the long-run rate drift: 3000 tokens take 1000 s.
        assertTrue(waited >= 1000 * SECOND - 3_000 && waited <= 1000 * SECOND + 3_000, "waited " + waited);
    }

    @Test
    void refillsGraduallyAndNeverBeyondTheBurst() {
        FakeClock clock = new FakeClock();
        TokenBucket bucket = new TokenBucket(10, 5, () -> clock.now);
        drain(bucket, 5);
        clock.advance(SECOND / 10 * 3);
        drain(bucket, 3);
        clock.advance(TimeUnit.DAYS.toNanos(365 * 100));
        drain(bucket, 5);
    }

    @Test
    void partialProgressIsKeptAcrossRefusedCalls() {
        FakeClock clock = new FakeClock();
        TokenBucket bucket = new TokenBucket(1, 1, () -> clock.now);
        assertEquals(0, bucket.acquire());
        clock.advance(SECOND / 4);
        assertEquals(SECOND * 3 / 4, bucket.acquire());
        clock.advance(SECOND / 2);
        assertEquals(SECOND / 4, bucket.acquire());
        clock.advance(SECOND / 4);
        assertEquals(0, bucket.acquire());
    }

    @Test
    void clockThatStandsStillOrStepsBackGrantsNothing() {
        FakeClock clock = new FakeClock();
        clock.now = 1_000;
        TokenBucket bucket = new TokenBucket(1, 1, () -> clock.now);
        assertEquals(0, bucket.acquire());
        clock.now = 0;
        assertEquals(SECOND, bucket.acquire());
        clock.now = 1_000 + SECOND;
        assertEquals(0, bucket.acquire());
    }

    @Test
    void worksAcrossNanoTimeWrapAround() {
        FakeClock clock = new FakeClock();
        clock.now = Long.MAX_VALUE - SECOND / 2;
        TokenBucket bucket = new TokenBucket(1, 1, () -> clock.now);
        assertEquals(0, bucket.acquire());
        clock.advance(SECOND);   // overflows to a negative reading
        assertEquals(0, bucket.acquire());
    }

    @Test
    void largestSettingsDoNotOverflow() {
        FakeClock clock = new FakeClock();
        TokenBucket bucket = new TokenBucket(Integer.MAX_VALUE, Integer.MAX_VALUE, () -> clock.now);
        assertEquals(0, bucket.acquire());
        clock.advance(Long.MAX_VALUE);
        assertEquals(0, bucket.acquire());
    }

    @Test
    void rateZeroIsOffAndNeverReadsTheClock() {
        TokenBucket bucket = new TokenBucket(0, 0, () -> {
            throw new AssertionError("clock read");
        });
        assertFalse(bucket.enabled());
        for (int i = 0; i < 10_000; i++) {
            assertEquals(0, bucket.acquire());
        }
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(-1, 1, () -> 0));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(1, 0, () -> 0));
        assertThrows(NullPointerException.class, () -> new TokenBucket(1, 1, null));
        assertTrue(new TokenBucket(1, 1, () -> 0).enabled());
    }

    private static void drain(TokenBucket bucket, int expectedTokens) {
        for (int i = 0; i < expectedTokens; i++) {
            assertEquals(0, bucket.acquire(), "token " + i + " of " + expectedTokens);
        }
        assertTrue(bucket.acquire() > 0, "more than " + expectedTokens + " tokens");
    }
}
