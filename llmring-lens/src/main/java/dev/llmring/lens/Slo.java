package dev.llmring.lens;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Service-level objectives a request must meet to count as <em>good</em> (goodput): time to first token, end-to-end
 * latency and time per output token, each measured from the scheduled send time. A target meets its SLO when at
 * least {@link #attainment()} of its measured requests are good (default 0.99); a sweep stops at the first step that
 * does not. An SLO with no bound counts every successful request as good. Immutable.
 */
public final class Slo {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)");
    private static final Slo NONE = new Slo(null, null, null, 0.99);

    private final @Nullable Duration ttft;
    private final @Nullable Duration e2e;
    private final @Nullable Duration tpot;
    private final double attainment;

    private Slo(@Nullable Duration ttft, @Nullable Duration e2e, @Nullable Duration tpot, double attainment) {
        this.ttft = ttft;
        this.e2e = e2e;
        this.tpot = tpot;
        this.attainment = attainment;
    }

    /** {@return no bound: every successful request is good} */
    public static Slo none() {
        return NONE;
    }

    /**
     * Reads {@code ttft=500ms,e2e=5s,tpot=50ms,attainment=0.95}: any of the keys, in any order; durations in
     * {@code ms}, {@code s} or {@code m}. Blank parts are skipped; a key given twice takes its last value.
     *
     * @param spec the SLO as the CLI's {@code --slo} takes it
     * @return the SLO ({@link #none()} when {@code spec} is blank)
     * @throws IllegalArgumentException naming the part that is not understood
     */
    public static Slo parse(String spec) {
        Objects.requireNonNull(spec, "spec");
        Slo slo = NONE;
        for (String part : spec.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) continue;
            int eq = p.indexOf('=');
            if (eq < 0) throw new IllegalArgumentException("SLO part '" + p + "' is not key=value");
            String key = p.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = p.substring(eq + 1).strip();
            switch (key) {
                case "ttft":
                    slo = slo.withTtft(duration(key, value));
                    break;
                case "e2e":
                    slo = slo.withE2e(duration(key, value));
                    break;
                case "tpot":
                    slo = slo.withTpot(duration(key, value));
                    break;
                case "attainment":
                    slo = slo.withAttainment(number(key, value));
                    break;
                default:
                    throw new IllegalArgumentException(
                            "unknown SLO key '" + key + "' (known: ttft, e2e, tpot, attainment)");
            }
        }
        return slo;
    }

    /**
     * Reads a duration the way {@link #parse} does: {@code 500ms}, {@code 1.5s}, {@code 2m}.
     *
     * @param what the name of the setting, for the error message
     * @param value the text to read
     * @return the duration, to the nanosecond
     * @throws IllegalArgumentException naming {@code what} and the value
     */
    public static Duration duration(String what, String value) {
        Matcher m = DURATION.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(what + " '" + value + "' is not a duration like 500ms, 2s or 1m");
        }
        double amount = Double.parseDouble(m.group(1));
        double millis = m.group(2).equals("ms") ? amount : m.group(2).equals("s") ? amount * 1000 : amount * 60_000;
        return Duration.ofNanos(Math.round(millis * 1_000_000));
    }

    private static double number(String key, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("SLO " + key + " '" + value + "' is not a number", e);
        }
    }

    /**
     * This SLO with a time-to-first-token bound, from the scheduled send time.
     *
     * @param bound the most a good request's time to first token may be
     * @return a new SLO; this one is unchanged
     * @throws IllegalArgumentException unless positive
     */
    public Slo withTtft(Duration bound) {
        return new Slo(positive("ttft", bound), e2e, tpot, attainment);
    }

    /**
     * This SLO with an end-to-end latency bound, from the scheduled send time.
     *
     * @param bound the most a good request's end-to-end latency may be
     * @return a new SLO; this one is unchanged
     * @throws IllegalArgumentException unless positive
     */
    public Slo withE2e(Duration bound) {
        return new Slo(ttft, positive("e2e", bound), tpot, attainment);
    }

    /**
     * This SLO with a time-per-output-token bound (an answer of one token or none meets it).
     *
     * @param bound the most a good request's time per output token after the first may be
     * @return a new SLO; this one is unchanged
     * @throws IllegalArgumentException unless positive
     */
    public Slo withTpot(Duration bound) {
        return new Slo(ttft, e2e, positive("tpot", bound), attainment);
    }

    /**
     * This SLO with the share of good requests a target must reach (default 0.99).
     *
     * @param share the share, above 0 and at most 1
     * @return a new SLO; this one is unchanged
     * @throws IllegalArgumentException unless above 0 and at most 1
     */
    public Slo withAttainment(double share) {
        if (!(share > 0) || share > 1) {
            throw new IllegalArgumentException("SLO attainment must be above 0 and at most 1, got " + share);
        }
        return new Slo(ttft, e2e, tpot, share);
    }

    private static Duration positive(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException("SLO " + what + " must be positive: " + d);
        return d;
    }

    /** {@return the time-to-first-token bound, if set} */
    public Optional<Duration> ttft() {
        return Optional.ofNullable(ttft);
    }

    /** {@return the end-to-end latency bound, if set} */
    public Optional<Duration> e2e() {
        return Optional.ofNullable(e2e);
    }

    /** {@return the time-per-output-token bound, if set} */
    public Optional<Duration> tpot() {
        return Optional.ofNullable(tpot);
    }

    /** {@return the share of good requests a target must reach (0 to 1)} */
    public double attainment() {
        return attainment;
    }

    /** {@return whether any bound is set} */
    public boolean isSet() {
        return ttft != null || e2e != null || tpot != null;
    }

    /** Whether a successful request with these latencies (nanoseconds; tpot negative when the answer had one token or none, which no tpot bound judges) is good. */
    boolean good(long ttftNanos, long e2eNanos, long tpotNanos) {
        if (ttft != null && (ttftNanos < 0 || ttftNanos > ttft.toNanos())) return false;
        if (e2e != null && e2eNanos > e2e.toNanos()) return false;
        return tpot == null || tpotNanos < 0 || tpotNanos <= tpot.toNanos();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (ttft != null) sb.append("ttft=").append(ttft.toMillis()).append("ms,");
        if (e2e != null) sb.append("e2e=").append(e2e.toMillis()).append("ms,");
        if (tpot != null) sb.append("tpot=").append(tpot.toMillis()).append("ms,");
        return sb.append("attainment=").append(attainment).toString();
    }
}
