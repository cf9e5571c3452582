package dev.llmring;

/**
 * Counts durations in a fixed array of log-linear buckets, so that a stream of any length costs the same memory:
 * exact below 64 µs, then 32 buckets per power of two (each at most 1/32 of its value wide) up to 2^32 µs (about 71
 * minutes; longer values count in the last bucket). A percentile is the midpoint of the bucket it falls in, so it is
 * within about 1.6% of a recorded value. The maximum and the mean are exact. Not thread-safe.
 */
final class GapHistogram {
    private static final int SUB_BITS = 5;
    private static final int SUB = 1 << SUB_BITS; // 32
    private static final int LINEAR = 2 * SUB; // values below 64 µs have a bucket each
    private static final int MAX_EXPONENT = 31;
    private static final int BUCKETS = LINEAR + (MAX_EXPONENT - SUB_BITS) * SUB;

    private final int[] counts = new int[BUCKETS];
    private long count;
    private long sumNanos;
    private long maxNanos;

    void record(long nanos) {
        long v = Math.max(0, nanos);
        counts[index(v / 1000)]++;
        count++;
        sumNanos += v;
        if (v > maxNanos) maxNanos = v;
    }

    long count() {
        return count;
    }

    long maxNanos() {
        return maxNanos;
    }

    long meanNanos() {
        return count == 0 ? 0 : sumNanos / count;
    }

    /** The value at {@code quantile} (0 to 1) in nanoseconds, never above the maximum; 0 when empty. */
    long percentileNanos(double quantile) {
        if (count == 0) return 0;
        long rank = Math.max(1, (long) Math.ceil(quantile * count));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) return Math.min(maxNanos, midpointMicros(i) * 1000);
        }
        return maxNanos;
    }

    static int index(long micros) {
        if (micros < LINEAR) return (int) micros;
        int exponent = 63 - Long.numberOfLeadingZeros(micros);
        if (exponent > MAX_EXPONENT) return BUCKETS - 1;
        int shift = exponent - SUB_BITS;
        int sub = (int) (micros >>> shift) - SUB;
        return LINEAR + (exponent - SUB_BITS - 1) * SUB + sub;
    }

    static long midpointMicros(int index) {
        if (index < LINEAR) return index;
        int i = index - LINEAR;
        int exponent = i / SUB + SUB_BITS + 1;
        int shift = exponent - SUB_BITS;
        long low = (long) (SUB + i % SUB) << shift;
        return low + (1L << shift) / 2;
    }
}
