package dev.llmring.lens;

import java.util.Random;

/**
 * Send times of an open-loop run, as nanosecond offsets from its start: evenly spaced for a constant rate, gamma
 * gaps (shape = burstiness, mean = 1/rate) for a Poisson rate. Seeded, so a run can be repeated.
 */
final class Schedule {
    private final double meanGapNanos;
    private final double shape;
    private final boolean even;
    private final Random random;
    private double next;

    private Schedule(double rate, double shape, boolean even, long seed) {
        this.meanGapNanos = 1e9 / rate;
        this.shape = shape;
        this.even = even;
        this.random = new Random(seed);
    }

    static Schedule constant(double rate) {
        return new Schedule(rate, 1, true, 0);
    }

    static Schedule gamma(double rate, double burstiness, long seed) {
        return new Schedule(rate, burstiness, false, seed);
    }

    /** The next send time: 0 for the first request. */
    long next() {
        long at = Math.round(next);
        next += even ? meanGapNanos : gamma() * meanGapNanos / shape;
        return at;
    }

    /** A gamma(shape, 1) draw (Marsaglia and Tsang; boosted for shapes below 1). */
    private double gamma() {
        double k = shape < 1 ? shape + 1 : shape;
        double d = k - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        double v;
        while (true) {
            double x = random.nextGaussian();
            v = 1 + c * x;
            if (v <= 0) continue;
            v = v * v * v;
            double u = random.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) break;
        }
        double g = d * v;
        return shape < 1 ? g * Math.pow(random.nextDouble(), 1 / shape) : g;
    }
}
