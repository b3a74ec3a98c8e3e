package dev.chatd.bench;

/**
 * A fixed-size log-linear histogram of non-negative values (nanoseconds here), in the style of
 * HdrHistogram: values below 256 get a bucket each, and every power-of-two range above is split
 * into 128 equal buckets, so a reported value is at most 1/128 (under 0.8%) above the true one.
 * Recording is one array increment, with no allocation; not thread-safe (one per event loop).
 */
public final class LatencyHistogram {

    /** Bits of exact resolution: values under 2^SUB_BITS are counted exactly. */
    private static final int SUB_BITS = 8;
    private static final int HALF = 1 << (SUB_BITS - 1);
    /** Buckets for every long: 0..255 exact, then 128 per power of two up to 2^63. */
    private static final int BUCKETS = (64 - SUB_BITS + 1) * HALF;

    private final long[] counts = new long[BUCKETS];
    private long total;
    private long min = Long.MAX_VALUE;
    private long max;
    private double sum;

    /** Counts one value; negative values (a clock step) count as 0. */
    public void record(long value) {
        long v = Math.max(0, value);
        counts[indexOf(v)]++;
        total++;
        sum += v;
        if (v < min) min = v;
        if (v > max) max = v;
    }

    /** Adds everything another histogram counted. */
    public void add(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) counts[i] += other.counts[i];
        total += other.total;
        sum += other.sum;
        if (other.total > 0) {
            min = Math.min(min, other.min);
            max = Math.max(max, other.max);
        }
    }

    /** A copy that can be read on another thread. */
    public LatencyHistogram copy() {
        LatencyHistogram c = new LatencyHistogram();
        c.add(this);
        return c;
    }

    /** Forgets everything, e.g. after a warm-up. */
    public void reset() {
        java.util.Arrays.fill(counts, 0);
        total = 0;
        sum = 0;
        min = Long.MAX_VALUE;
        max = 0;
    }

    public long count() {
        return total;
    }

    /** The largest value recorded, exactly; 0 when empty. */
    public long max() {
        return max;
    }

    /** The smallest value recorded, exactly; 0 when empty. */
    public long min() {
        return total == 0 ? 0 : min;
    }

    public double mean() {
        return total == 0 ? 0 : sum / total;
    }

    /**
     * The value at or below which {@code percentile} percent of the recorded values lie, given
     * as the upper end of its bucket (never above the exact maximum); 0 when empty.
     */
    public long percentile(double percentile) {
        if (percentile < 0 || percentile > 100) throw new IllegalArgumentException("percentile must be 0-100: " + percentile);
        if (total == 0) return 0;
        double exactRank = percentile * total / 100.0;
        // Shaves off floating-point dust, so that 99.9% of 10,000 is rank 9,990 and not 9,991.
        long rank = Math.max(1, (long) Math.ceil(exactRank - exactRank * 1e-12));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) return Math.min(highestValueIn(i), max);
        }
        return max;
    }

    static int indexOf(long v) {
        if (v < (1L << SUB_BITS)) return (int) v;
        int shift = 64 - Long.numberOfLeadingZeros(v) - SUB_BITS;
        return shift * HALF + (int) (v >>> shift);
    }

    static long highestValueIn(int index) {
        if (index < (1 << SUB_BITS)) return index;
        int shift = index / HALF - 1;
        long top = index - (long) shift * HALF;
        long highest = ((top + 1) << shift) - 1;
        return highest < 0 ? Long.MAX_VALUE : highest; // the top bucket ends at 2^63
    }
}
