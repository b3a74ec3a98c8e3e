package dev.chatd.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void emptyHistogramReportsZeros() {
        LatencyHistogram h = new LatencyHistogram();
        assertEquals(0, h.count());
        assertEquals(0, h.percentile(99));
        assertEquals(0, h.max());
        assertEquals(0, h.min());
        assertEquals(0, h.mean());
    }

    @Test
    void smallValuesAreExact() {
        LatencyHistogram h = new LatencyHistogram();
        for (int v = 1; v <= 100; v++) h.record(v);
        assertEquals(50, h.percentile(50));
        assertEquals(99, h.percentile(99));
        assertEquals(100, h.percentile(100));
        assertEquals(1, h.percentile(0));
        assertEquals(50.5, h.mean(), 1e-9);
    }

    @Test
    void percentilesOfAUniformSpreadAreWithinOnePercent() {
        LatencyHistogram h = new LatencyHistogram();
        for (long micros = 1; micros <= 100_000; micros++) h.record(micros * 1000);
        assertClose(50_000_000, h.percentile(50));
        assertClose(99_000_000, h.percentile(99));
        assertClose(99_900_000, h.percentile(99.9));
        assertEquals(100_000_000, h.max());
        assertEquals(1000, h.min());
    }

    @Test
    void aBucketsUpperBoundIsNeverBelowItsValuesAndAtMostOneBucketAbove() {
        Random random = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            long v = (random.nextLong() >>> 1) >>> random.nextInt(63);
            long reported = LatencyHistogram.highestValueIn(LatencyHistogram.indexOf(v));
            assertTrue(reported >= v, v + " reported as " + reported);
            assertTrue(reported - v <= v / 128, v + " reported as " + reported);
        }
        assertEquals(Long.MAX_VALUE, LatencyHistogram.highestValueIn(LatencyHistogram.indexOf(Long.MAX_VALUE)));
    }

    @Test
    void bucketsRiseWithTheirValues() {
        int previous = -1;
        for (long v = 0; v < 1 << 20; v++) {
            int index = LatencyHistogram.indexOf(v);
            assertTrue(index == previous || index == previous + 1, "index jumps at " + v);
            previous = index;
        }
    }

    @Test
    void aFewSlowValuesShowInTheTailOnly() {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < 9_990; i++) h.record(1_000_000);
        for (int i = 0; i < 10; i++) h.record(50_000_000);
        assertClose(1_000_000, h.percentile(99));
        assertClose(1_000_000, h.percentile(99.9));
        assertClose(50_000_000, h.percentile(99.91));
        assertEquals(50_000_000, h.max());
    }

    @Test
    void addingMergesCountsAndExtremes() {
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        a.record(10);
        a.record(20);
        b.record(5);
        b.record(1_000_000);
        a.add(b);
        assertEquals(4, a.count());
        assertEquals(5, a.min());
        assertEquals(1_000_000, a.max());
        LatencyHistogram copy = a.copy();
        a.reset();
        assertEquals(0, a.count());
        assertEquals(4, copy.count());
    }

    @Test
    void negativeValuesCountAsZeroAndBadPercentilesAreRefused() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(-5);
        assertEquals(0, h.max());
        assertEquals(1, h.count());
        assertThrows(IllegalArgumentException.class, () -> h.percentile(101));
    }

    private static void assertClose(long expected, long actual) {
        assertTrue(Math.abs(actual - expected) <= expected / 100, "expected about " + expected + " but was " + actual);
    }
}
