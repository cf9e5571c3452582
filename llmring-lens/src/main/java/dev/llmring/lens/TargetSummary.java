package dev.llmring.lens;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one target delivered over its measured requests (warm-up excluded), or over one step of a sweep. Latencies
 * come in two forms: {@link #ttft()} and {@link #e2e()} from the <em>scheduled</em> send time (what a user of an
 * open-loop system waits, coordinated omission corrected), and {@link #ttftService()} and {@link #e2eService()} from
 * the moment the request actually went out; {@link #scheduleLag()} is the difference. In closed-loop profiles the two
 * are the same. Immutable.
 */
public final class TargetSummary {
    private final String target;
    private final double offeredRate;
    private final Stats stats;
    private final double seconds;
    private final Slo slo;
    private final List<TargetSummary> steps;
    private final Optional<String> stopped;
    private final Percentiles ttft;
    private final Percentiles ttftService;
    private final Percentiles itl;
    private final Percentiles tpot;
    private final Percentiles e2e;
    private final Percentiles e2eService;
    private final Percentiles lag;

    TargetSummary(
            String target,
            double offeredRate,
            Stats stats,
            Slo slo,
            List<TargetSummary> steps,
            Optional<String> stopped) {
        this.target = target;
        this.offeredRate = offeredRate;
        this.stats = stats;
        this.slo = slo;
        this.steps = List.copyOf(steps);
        this.stopped = stopped;
        synchronized (stats) {
            this.seconds = stats.requests == 0 ? 0 : Math.max(1e-9, (stats.lastEnd - stats.firstScheduled) / 1e9);
            this.ttft = Percentiles.of(stats.ttft);
            this.ttftService = Percentiles.of(stats.ttftService);
            this.itl = Percentiles.of(stats.itl);
            this.tpot = Percentiles.of(stats.tpot);
            this.e2e = Percentiles.of(stats.e2e);
            this.e2eService = Percentiles.of(stats.e2eService);
            this.lag = Percentiles.of(stats.lag);
        }
    }

    Stats stats() {
        return stats;
    }

    /** {@return the alias or binding as the run named it} */
    public String target() {
        return target;
    }

    /** {@return the offered rate in requests a second for an open-loop run or sweep step; 0 for a closed-loop run} */
    public double offeredRate() {
        return offeredRate;
    }

    /** {@return each sweep step's summary, in rising rate; empty unless the profile was a sweep} */
    public List<TargetSummary> steps() {
        return steps;
    }

    /** {@return why this target's run or sweep ended early (an SLO broke, the error rate, a limit)} */
    public Optional<String> stopped() {
        return stopped;
    }

    /** {@return the number of measured requests, successful and failed} */
    public long requests() {
        return stats.requests;
    }

    /** {@return the number of requests that returned a complete answer} */
    public long succeeded() {
        return stats.succeeded;
    }

    /** {@return the number of requests that failed} */
    public long failed() {
        return stats.requests - stats.succeeded;
    }

    /** {@return the number of failed requests by the simple name of the error's type ({@code RateLimitException} …)} */
    public Map<String, Long> errorsByType() {
        return Map.copyOf(stats.errors);
    }

    /** {@return the number of successful requests by the binding that served them ({@code provider:model})} */
    public Map<String, Long> bindings() {
        return Map.copyOf(stats.bindings);
    }

    /** {@return the number of successful requests that met every bound of the SLO} */
    public long good() {
        return stats.good;
    }

    /** {@return the time from the first scheduled send to the last end, in seconds} */
    public double seconds() {
        return seconds;
    }

    /** {@return the successful requests a second over {@link #seconds()}} */
    public double requestThroughput() {
        return rate(stats.succeeded);
    }

    /** {@return the output tokens a second over {@link #seconds()}} */
    public double outputTokenThroughput() {
        return rate(stats.outputTokens);
    }

    /** {@return the good requests a second over (goodput) {@link #seconds()}} */
    public double goodput() {
        return rate(stats.good);
    }

    /** {@return the good requests as a share of all measured requests (0 to 1)} */
    public double goodFraction() {
        return stats.requests == 0 ? 0 : (double) stats.good / stats.requests;
    }

    /** {@return whether the share of good requests reached the SLO's attainment} */
    public boolean sloMet() {
        return stats.requests > 0 && goodFraction() >= slo.attainment();
    }

    /** {@return the failed requests as a share of all measured requests (0 to 1)} */
    public double errorRate() {
        return stats.requests == 0 ? 0 : (double) failed() / stats.requests;
    }

    private double rate(long n) {
        return seconds == 0 ? 0 : n / seconds;
    }

    /** {@return the time to first token from the scheduled send time} */
    public Percentiles ttft() {
        return ttft;
    }

    /** {@return the time to first token from the actual send time} */
    public Percentiles ttftService() {
        return ttftService;
    }

    /** {@return the gaps between consecutive token events, over every measured stream} */
    public Percentiles itl() {
        return itl;
    }

    /** {@return the time per output token after the first, per request: (end − first token) / (output tokens − 1)} */
    public Percentiles tpot() {
        return tpot;
    }

    /** {@return the end-to-end latency from the scheduled send time} */
    public Percentiles e2e() {
        return e2e;
    }

    /** {@return the end-to-end latency from the actual send time} */
    public Percentiles e2eService() {
        return e2eService;
    }

    /** {@return how late requests went out against their schedule (0 in closed-loop runs)} */
    public Percentiles scheduleLag() {
        return lag;
    }

    /** {@return the input tokens of the successful requests, from the providers' usage} */
    public long inputTokens() {
        return stats.inputTokens;
    }

    /** {@return the output tokens of the successful requests, from the providers' usage (estimated where a provider gave none)} */
    public long outputTokens() {
        return stats.outputTokens;
    }

    /** {@return whether some output tokens were estimated because a provider reported no usage} */
    public boolean outputTokensEstimated() {
        return stats.estimated;
    }

    /** {@return the number of successful requests whose cost the registry could price} */
    public long pricedRequests() {
        return stats.priced;
    }

    /** {@return the cost of the priced requests, in US dollars} */
    public BigDecimal cost() {
        return stats.cost;
    }

    /** {@return the mean cost of a priced request, when any was priced} */
    public Optional<BigDecimal> costPerRequest() {
        return stats.priced == 0
                ? Optional.empty()
                : Optional.of(stats.cost.divide(BigDecimal.valueOf(stats.priced), 8, RoundingMode.HALF_EVEN));
    }

    /** {@return the cost of 1,000 output tokens of the priced requests, when they produced output} */
    public Optional<BigDecimal> costPer1kOutputTokens() {
        return stats.pricedOutputTokens == 0
                ? Optional.empty()
                : Optional.of(stats.cost
                        .multiply(BigDecimal.valueOf(1000))
                        .divide(BigDecimal.valueOf(stats.pricedOutputTokens), 8, RoundingMode.HALF_EVEN));
    }

    @Override
    public String toString() {
        return "TargetSummary[" + target + ", requests=" + requests() + ", failed=" + failed() + ", ttft=" + ttft
                + ", e2e=" + e2e + "]";
    }
}
