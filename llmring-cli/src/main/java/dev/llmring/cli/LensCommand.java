package dev.llmring.cli;

import dev.llmring.LlmRing;
import dev.llmring.lens.Lens;
import dev.llmring.lens.LensReport;
import dev.llmring.lens.LoadProfile;
import dev.llmring.lens.PromptSet;
import dev.llmring.lens.Slo;
import dev.llmring.lockfile.Lockfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code llmring lens}: measures targets under a load profile and writes the reports (docs/lens.md). */
@Command(
        name = "lens",
        mixinStandardHelpOptions = true,
        description = {
            "Measure what aliases and bindings deliver: time to first token, inter-token latency, end-to-end"
                    + " latency, throughput, goodput and cost, under a load profile.",
            "Writes DIR/requests.jsonl, DIR/summary.json, DIR/summary.csv and DIR/report.html, and prints a table"
                    + " (with --json, summary.json). Latency is measured from each request's scheduled send time."
                    + " Refuses to send more than --max-requests or spend more than --max-cost without --yes.",
            "Exit status 1 when the run cannot start or stops at a limit."
        })
final class LensCommand implements Callable<Integer> {
    @Spec
    @Nullable
    CommandSpec spec;

    @Option(
            names = "--target",
            required = true,
            paramLabel = "NAME",
            description = "An alias or provider:model; repeat to compare targets side by side (they run interleaved).")
    List<String> targets = new ArrayList<>();

    @Option(
            names = "--profile",
            paramLabel = "PROFILE",
            description = "sequential, concurrent, constant, poisson or sweep (default: sequential).")
    String profile = "sequential";

    @Option(
            names = "--concurrency",
            paramLabel = "N",
            description = "Requests in flight per target: the workers of 'concurrent' (default 4), the most in flight"
                    + " for the rate profiles (default 64).")
    @Nullable
    Integer concurrency;

    @Option(
            names = "--rate",
            paramLabel = "PER_SECOND",
            description = "Requests a second for constant and poisson; the first step of a sweep (default 1).")
    double rate = 1;

    @Option(names = "--burstiness", paramLabel = "B", description = "Poisson gap shape: 1 Poisson, <1 burstier.")
    double burstiness = 1;

    @Option(names = "--sweep-factor", paramLabel = "F", description = "Rate factor between sweep steps (default 2).")
    double sweepFactor = 2;

    @Option(names = "--sweep-steps", paramLabel = "N", description = "The most sweep steps (default 5).")
    int sweepSteps = 5;

    @ArgGroup(exclusive = true)
    @Nullable
    Amount amount;

    static final class Amount {
        @Option(
                names = "--requests",
                paramLabel = "N",
                description = "Measured requests per target (per sweep step); default 10.")
        @Nullable
        Integer requests;

        @Option(
                names = "--duration",
                paramLabel = "D",
                description = "Run (each sweep step) this long instead, e.g. 30s or 2m.")
        @Nullable
        String duration;
    }

    @Option(
            names = "--prompts",
            paramLabel = "FILE",
            description = "Prompts as JSONL in the batch input shape (default: synthetic prompts).")
    @Nullable
    Path prompts;

    @Option(
            names = "--input-tokens",
            paramLabel = "N",
            description = "Synthetic prompts: about N input tokens (default 64).")
    int inputTokens = 64;

    @Option(
            names = "--output-tokens",
            paramLabel = "N",
            description = "Synthetic prompts: ask for and cap at N output tokens (default 64).")
    int outputTokens = 64;

    @Option(names = "--slo", paramLabel = "SPEC", description = "e.g. ttft=500ms,e2e=5s,tpot=50ms,attainment=0.99")
    @Nullable
    String slo;

    @Option(names = "--warmup", paramLabel = "N", description = "Warm-up requests per target, excluded (default 1).")
    int warmup = 1;

    @Option(names = "--max-requests", paramLabel = "N", description = "Request limit without --yes (default 100).")
    int maxRequests = 100;

    @Option(names = "--max-cost", paramLabel = "USD", description = "Cost limit without --yes (default 1).")
    BigDecimal maxCost = BigDecimal.ONE;

    @Option(names = "--yes", description = "Go past --max-requests and --max-cost.")
    boolean yes;

    @Option(
            names = "--max-error-rate",
            paramLabel = "SHARE",
            description = "A sweep stops past this share of failed requests (default 0.05).")
    double maxErrorRate = 0.05;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the poisson schedule (default 1).")
    long seed = 1;

    @Option(
            names = "--lockfile-profile",
            paramLabel = "PROFILE",
            description = "The lockfile profile (default: LLMRING_PROFILE, else the lockfile's default_profile).")
    @Nullable
    String lockfileProfile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the reports go.")
    Path out = Path.of("lens");

    private final Session session;

    LensCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        Lens.Builder lens;
        Path dir = session.context().workingDirectory.resolve(out);
        Lockfile lock = session.lockfileFor(targets.get(0));
        String profileName = session.profile(lock, lockfileProfile).name();
        try (LlmRing ring = Rings.builder(session, lock, profileName).build()) {
            try {
                lens = configure(Lens.builder(ring), dir);
            } catch (IllegalArgumentException e) {
                throw Cli.usage(spec, e.getMessage());
            }
            LensReport report = lens.build().run();
            finishProgress();
            if (session.json()) {
                session.out().print(read(dir.resolve("summary.json")));
            } else {
                session.out().print(report.table());
                session.out()
                        .println("wrote " + out.resolve("report.html") + " (and requests.jsonl, summary.json,"
                                + " summary.csv)");
            }
            session.out().flush();
            return report.stopped().isPresent() ? ExitCodes.FINDING : ExitCodes.OK;
        }
    }

    private Lens.Builder configure(Lens.Builder lens, Path dir) {
        targets.forEach(lens::target);
        lens.profile(loadProfile());
        if (amount != null && amount.requests != null) lens.requests(amount.requests);
        if (amount != null && amount.duration != null) lens.duration(Slo.duration("--duration", amount.duration));
        lens.prompts(
                prompts != null
                        ? PromptSet.fromJsonl(session.context().workingDirectory.resolve(prompts))
                        : PromptSet.synthetic(10, inputTokens, outputTokens));
        if (slo != null) lens.slo(Slo.parse(slo));
        lens.warmup(warmup)
                .maxRequests(maxRequests)
                .maxCost(maxCost)
                .confirmed(yes)
                .maxErrorRate(maxErrorRate)
                .seed(seed)
                .clock(session.context().clock)
                .outputDirectory(dir);
        if (concurrency != null && !profile.equals("concurrent")) lens.maxInFlight(concurrency);
        if (session.context().terminal) lens.progress(this::progress);
        return lens;
    }

    private LoadProfile loadProfile() {
        switch (profile) {
            case "sequential":
                return LoadProfile.sequential();
            case "concurrent":
                return LoadProfile.concurrent(concurrency != null ? concurrency : 4);
            case "constant":
                return LoadProfile.constant(rate);
            case "poisson":
                return LoadProfile.poisson(rate, burstiness);
            case "sweep":
                return LoadProfile.sweep(rate, sweepFactor, sweepSteps);
            default:
                throw new IllegalArgumentException(
                        "--profile '" + profile + "' is not one of sequential, concurrent, constant, poisson, sweep");
        }
    }

    private synchronized void progress(String line) {
        session.err().print("\r" + line + "\u001b[K");
        session.err().flush();
    }

    private synchronized void finishProgress() {
        if (session.context().terminal) {
            session.err().println();
            session.err().flush();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
