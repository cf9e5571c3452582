package dev.llmring.lens;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The outcome of one {@link Lens#run()}: a summary per target, in the order they ran. Immutable. */
public final class LensReport {
    /** The version of the {@code summary.json} layout. */
    public static final int SUMMARY_VERSION = 1;

    private final LoadProfile profile;
    private final Slo slo;
    private final String prompts;
    private final Instant started;
    private final List<TargetSummary> targets;
    private final @Nullable String stopped;

    LensReport(Lens lens, Instant started, List<TargetSummary> targets, @Nullable String stopped) {
        this.profile = lens.profile;
        this.slo = lens.slo;
        this.prompts = lens.prompts.description();
        this.started = started;
        this.targets = List.copyOf(targets);
        this.stopped = stopped;
    }

    /** {@return the load profile that ran} */
    public LoadProfile profile() {
        return profile;
    }

    /** {@return the SLO that decided goodput} */
    public Slo slo() {
        return slo;
    }

    /** {@return where the prompts came from (a file name or the synthetic shape)} */
    public String prompts() {
        return prompts;
    }

    /** {@return when the run started, on the lens's clock} */
    public Instant started() {
        return started;
    }

    /** {@return one summary per target that ran} */
    public List<TargetSummary> targets() {
        return targets;
    }

    /** {@return why the whole run stopped early (a request or cost limit), if it did} */
    public Optional<String> stopped() {
        return Optional.ofNullable(stopped);
    }

    /** {@return a plain-text table for a terminal: one row per target (and per sweep step), latencies in milliseconds} */
    public String table() {
        StringBuilder sb = new StringBuilder();
        String head = "%-28s %5s %4s %9s %9s %9s %9s %9s %9s %8s %8s %9s%n";
        sb.append(String.format(
                Locale.ROOT,
                head,
                "target",
                "ok",
                "err",
                "ttft p50",
                "ttft p99",
                "itl p50",
                "itl p99",
                "e2e p50",
                "e2e p99",
                "req/s",
                "tok/s",
                "goodput"));
        for (TargetSummary t : targets) {
            row(sb, t.target(), t);
            for (TargetSummary s : t.steps()) {
                row(sb, String.format(Locale.ROOT, "  @ %.2f/s", s.offeredRate()), s);
            }
            t.stopped().ifPresent(why -> sb.append("  ")
                    .append(t.target())
                    .append(": ")
                    .append(why)
                    .append('\n'));
        }
        sb.append("latencies in ms from the scheduled send time; service-time figures in summary.json\n");
        if (stopped != null) sb.append(stopped).append('\n');
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, TargetSummary t) {
        sb.append(String.format(
                Locale.ROOT,
                "%-28s %5d %4d %9.1f %9.1f %9.1f %9.1f %9.1f %9.1f %8.2f %8.1f %8.0f%%%n",
                name.length() > 28 ? name.substring(0, 27) + "…" : name,
                t.succeeded(),
                t.failed(),
                ms(t.ttft().p50()),
                ms(t.ttft().p99()),
                ms(t.itl().p50()),
                ms(t.itl().p99()),
                ms(t.e2e().p50()),
                ms(t.e2e().p99()),
                t.requestThroughput(),
                t.outputTokenThroughput(),
                100 * t.goodFraction()));
    }

    static double ms(java.time.Duration d) {
        return d.toNanos() / 1e6;
    }

    @Override
    public String toString() {
        return "LensReport[" + profile + ", " + targets.size() + " targets" + (stopped != null ? ", " + stopped : "")
                + "]";
    }
}
