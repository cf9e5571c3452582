package dev.llmring.bench;

import java.util.List;
import java.util.Locale;

/** Mean and 95% confidence interval (Student's t) of a few samples, and their printed form. */
final class Stats {
    private static final double[] T95 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262};

    private Stats() {}

    static String format(List<Double> v) {
        double m = mean(v);
        return m >= 1000
                ? String.format(Locale.ROOT, "%,.0f +- %,.0f", m, ci(v))
                : String.format(Locale.ROOT, "%.1f +- %.1f", m, ci(v));
    }

    static double mean(List<Double> v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.size();
    }

    /** Half-width of the 95% confidence interval of the mean (Student's t). */
    static double ci(List<Double> v) {
        int n = v.size();
        if (n < 2) return Double.NaN;
        double m = mean(v);
        double ss = 0;
        for (double x : v) ss += (x - m) * (x - m);
        double tv = n - 2 < T95.length ? T95[n - 2] : 1.96;
        return tv * Math.sqrt(ss / (n - 1)) / Math.sqrt(n);
    }
}
