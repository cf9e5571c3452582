package dev.llmring.lens;

import java.time.Duration;
import java.util.Locale;
import org.HdrHistogram.AbstractHistogram;

/**
 * The distribution of one latency over the measured requests of a target: p50, p90, p95, p99, p99.9, the maximum
 * and the mean, read from an HdrHistogram recorded in microseconds with three significant digits (each value within
 * 0.1% of what was measured). All zero when nothing was measured ({@link #count()} is 0).
 */
public final class Percentiles {
    private final long count;
    private final long p50;
    private final long p90;
    private final long p95;
    private final long p99;
    private final long p999;
    private final long max;
    private final double mean;

    private Percentiles(AbstractHistogram h) {
        this.count = h.getTotalCount();
        boolean empty = count == 0;
        this.max = empty ? 0 : h.getMaxValue();
        this.p50 = at(h, 50);
        this.p90 = at(h, 90);
        this.p95 = at(h, 95);
        this.p99 = at(h, 99);
        this.p999 = at(h, 99.9);
        this.mean = empty ? 0 : h.getMean();
    }

    /** The value at {@code percentile}, never above the exact maximum (a bucket's top may be). */
    private long at(AbstractHistogram h, double percentile) {
        return count == 0 ? 0 : Math.min(max, h.getValueAtPercentile(percentile));
    }

    static Percentiles of(AbstractHistogram micros) {
        return new Percentiles(micros);
    }

    /** {@return how many values were recorded} */
    public long count() {
        return count;
    }

    /** {@return the median} */
    public Duration p50() {
        return micros(p50);
    }

    /** {@return the 90th percentile} */
    public Duration p90() {
        return micros(p90);
    }

    /** {@return the 95th percentile} */
    public Duration p95() {
        return micros(p95);
    }

    /** {@return the 99th percentile} */
    public Duration p99() {
        return micros(p99);
    }

    /** {@return the 99.9th percentile} */
    public Duration p999() {
        return micros(p999);
    }

    /** {@return the largest value} */
    public Duration max() {
        return micros(max);
    }

    /** {@return the mean} */
    public Duration mean() {
        return Duration.ofNanos(Math.round(mean * 1000));
    }

    /** {@code p50 / p90 / p95 / p99 / p99.9 / max / mean} in milliseconds, as the JSON summary writes them. */
    double[] millis() {
        return new double[] {ms(p50), ms(p90), ms(p95), ms(p99), ms(p999), ms(max), mean / 1000.0};
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    private static Duration micros(long micros) {
        return Duration.ofNanos(micros * 1000);
    }

    @Override
    public String toString() {
        double[] m = millis();
        return String.format(
                Locale.ROOT,
                "Percentiles[n=%d, p50=%.2f, p90=%.2f, p95=%.2f, p99=%.2f, p99.9=%.2f, max=%.2f, mean=%.2f ms]",
                count,
                m[0],
                m[1],
                m[2],
                m[3],
                m[4],
                m[5],
                m[6]);
    }
}
