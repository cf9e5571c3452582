package dev.llmring.lens;

import java.util.Locale;

/**
 * How requests are sent to each target. When a run has several targets they run interleaved, at the same time, so
 * that whatever changes during the run (a shared machine's load, the network, the provider) hits every target alike:
 * sequential alternates the targets one request at a time; concurrent keeps {@code n} requests in flight for each
 * target; the open-loop profiles run one schedule per target, each at the full rate (a constant rate's schedules
 * offset so that the sends alternate evenly, Poisson ones drawn independently). Every target gets the same prompts
 * in the same order.
 *
 * <ul>
 *   <li>{@link #sequential()}: one request at a time, the next when the last ended (closed loop);</li>
 *   <li>{@link #concurrent(int)}: {@code n} requests in flight at all times (closed loop);</li>
 *   <li>{@link #constant(double)}: requests sent at a fixed rate (open loop), whatever the answers do;</li>
 *   <li>{@link #poisson(double, double)}: open loop at a mean rate with gamma-distributed gaps; burstiness 1 is a
 *       Poisson process, below 1 burstier, above 1 more even;</li>
 *   <li>{@link #sweep(double, double, int)}: constant-rate steps from a starting rate, multiplied by a factor at
 *       each step, until an SLO breaks, the error rate passes its limit, or the steps run out.</li>
 * </ul>
 *
 * In the open-loop profiles latency is measured from each request's <em>scheduled</em> send time, so a client that
 * fell behind (too few threads, a stalled server) shows its delay as latency instead of hiding it (coordinated
 * omission); the delay itself is reported as schedule lag. Immutable.
 */
public final class LoadProfile {
    /** The kind of profile. */
    public enum Kind {
        /** One at a time, closed loop. */
        SEQUENTIAL,
        /** A fixed number in flight, closed loop. */
        CONCURRENT,
        /** A fixed rate, open loop. */
        CONSTANT,
        /** A Poisson (gamma) rate, open loop. */
        POISSON,
        /** Rising constant-rate steps, open loop. */
        SWEEP
    }

    private final Kind kind;
    private final int concurrency;
    private final double rate;
    private final double burstiness;
    private final double factor;
    private final int steps;

    private LoadProfile(Kind kind, int concurrency, double rate, double burstiness, double factor, int steps) {
        this.kind = kind;
        this.concurrency = concurrency;
        this.rate = rate;
        this.burstiness = burstiness;
        this.factor = factor;
        this.steps = steps;
    }

    /** {@return the profile that sends one request at a time, the next when the last ended} */
    public static LoadProfile sequential() {
        return new LoadProfile(Kind.SEQUENTIAL, 1, 0, 1, 1, 1);
    }

    /**
     * {@code n} requests in flight for each target at all times.
     *
     * @param n the requests in flight, 1 to 1024
     * @return the profile
     * @throws IllegalArgumentException unless {@code n} is 1 to 1024
     */
    public static LoadProfile concurrent(int n) {
        return new LoadProfile(Kind.CONCURRENT, checkConcurrency(n), 0, 1, 1, 1);
    }

    /**
     * {@code perSecond} requests a second to each target, evenly spaced.
     *
     * @param perSecond the rate, above 0 and at most 10,000
     * @return the profile
     * @throws IllegalArgumentException unless the rate is positive and at most 10,000
     */
    public static LoadProfile constant(double perSecond) {
        return new LoadProfile(Kind.CONSTANT, 0, checkRate(perSecond), 1, 1, 1);
    }

    /**
     * {@code perSecond} requests a second on average, gaps drawn from a gamma distribution of shape
     * {@code burstiness} (1: exponential gaps, a Poisson process).
     *
     * @param perSecond the mean rate to each target, above 0 and at most 10,000
     * @param burstiness the gamma shape, above 0 and at most 100: below 1 burstier than Poisson, above 1 more even
     * @return the profile
     * @throws IllegalArgumentException unless the rate is positive and at most 10,000 and the burstiness positive
     */
    public static LoadProfile poisson(double perSecond, double burstiness) {
        if (!(burstiness > 0) || burstiness > 100) {
            throw new IllegalArgumentException("burstiness must be above 0 and at most 100, got " + burstiness);
        }
        return new LoadProfile(Kind.POISSON, 0, checkRate(perSecond), burstiness, 1, 1);
    }

    /**
     * Constant-rate steps: {@code startPerSecond}, then times {@code factor} at each next step, at most
     * {@code steps} steps. Each step runs every target still going; a target leaves the sweep after the first step
     * that breaks its SLO or passes the error-rate limit.
     *
     * @param startPerSecond the first step's rate to each target, above 0 and at most 10,000
     * @param factor the rate factor from one step to the next, above 1 and at most 100
     * @param steps the most steps, 1 to 50
     * @return the profile
     * @throws IllegalArgumentException unless the rate is positive and at most 10,000, the factor above 1 and the
     *     steps 1 to 50
     */
    public static LoadProfile sweep(double startPerSecond, double factor, int steps) {
        if (!(factor > 1) || factor > 100) {
            throw new IllegalArgumentException("the sweep factor must be above 1 and at most 100, got " + factor);
        }
        if (steps < 1 || steps > 50) throw new IllegalArgumentException("sweep steps must be 1 to 50, got " + steps);
        return new LoadProfile(Kind.SWEEP, 0, checkRate(startPerSecond), 1, factor, steps);
    }

    private static int checkConcurrency(int n) {
        if (n < 1 || n > 1024) throw new IllegalArgumentException("concurrency must be 1 to 1024, got " + n);
        return n;
    }

    private static double checkRate(double perSecond) {
        if (!(perSecond > 0) || perSecond > 10_000) {
            throw new IllegalArgumentException("the rate must be above 0 and at most 10000 a second, got " + perSecond);
        }
        return perSecond;
    }

    /** {@return the kind of profile} */
    public Kind kind() {
        return kind;
    }

    /** {@return whether requests go out on a schedule (constant, Poisson, sweep) rather than as answers come back} */
    public boolean isOpenLoop() {
        return kind == Kind.CONSTANT || kind == Kind.POISSON || kind == Kind.SWEEP;
    }

    /** {@return requests in flight for the closed-loop profiles (1 for sequential); 0 for the open-loop ones} */
    public int concurrency() {
        return concurrency;
    }

    /** {@return requests a second (the first step's for a sweep); 0 for the closed-loop profiles} */
    public double rate() {
        return rate;
    }

    /** {@return the gamma shape of a Poisson profile's gaps; 1 otherwise} */
    public double burstiness() {
        return burstiness;
    }

    /** {@return the rate factor between sweep steps; 1 otherwise} */
    public double factor() {
        return factor;
    }

    /** {@return the most sweep steps; 1 otherwise} */
    public int steps() {
        return steps;
    }

    /** The rate of sweep step {@code step} (0 first). */
    double rateAt(int step) {
        return rate * Math.pow(factor, step);
    }

    /** {@return the profile's name as the CLI spells it: {@code sequential}, {@code concurrent} …} */
    public String name() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        switch (kind) {
            case SEQUENTIAL:
                return "sequential";
            case CONCURRENT:
                return "concurrent(" + concurrency + ")";
            case CONSTANT:
                return "constant(" + rate + "/s)";
            case POISSON:
                return "poisson(" + rate + "/s, burstiness " + burstiness + ")";
            default:
                return "sweep(" + rate + "/s x" + factor + ", " + steps + " steps)";
        }
    }
}
