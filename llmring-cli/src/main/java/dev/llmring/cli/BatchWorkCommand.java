package dev.llmring.cli;

import dev.llmring.LlmRing;
import dev.llmring.batch.BatchRunner;
import dev.llmring.batch.BatchSummary;
import dev.llmring.batch.Journal;
import dev.llmring.batch.LineSource;
import dev.llmring.redis.RedisBatchJob;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code llmring batch work --redis URL --job NAME --out OUTPUT}: one worker of a job shared through Redis. */
@Command(
        name = "work",
        mixinStandardHelpOptions = true,
        description = {
            "Take lines of job NAME from Redis (see `llmring batch enqueue`) until none is left, and write this"
                    + " machine's records to OUTPUT. Run it on as many machines as you like: each custom_id is"
                    + " recorded once across all of them; lines held by a worker that died are taken over after"
                    + " --visibility seconds (docs/batch.md).",
            "Exit status as `llmring batch run`."
        })
final class BatchWorkCommand implements Callable<Integer> {
    @Spec
    @Nullable
    CommandSpec spec;

    @Option(names = "--redis", required = true, paramLabel = "URL", description = "The Redis (redis://host:port).")
    @Nullable
    String redis;

    @Option(names = "--job", required = true, paramLabel = "NAME", description = "The job's name.")
    @Nullable
    String job;

    @Option(names = "--out", required = true, paramLabel = "OUTPUT", description = "This machine's output JSONL.")
    @Nullable
    Path output;

    @Option(names = "--state", paramLabel = "DIR", description = "The state directory (default: OUTPUT.state).")
    @Nullable
    Path state;

    @Option(names = "--alias", paramLabel = "NAME", description = "Send every line to this alias instead of its model.")
    @Nullable
    String alias;

    @Option(names = "--profile", paramLabel = "PROFILE", description = "The lockfile profile.")
    @Nullable
    String profile;

    @Option(names = "--concurrency", paramLabel = "N", description = "Requests in flight at once (default 8).")
    int concurrency = 8;

    @Option(names = "--max-cost", paramLabel = "USD", description = "Stop before this worker spends more than this.")
    @Nullable
    BigDecimal maxCost;

    @Option(names = "--allow-unpriced", description = "Under --max-cost, send lines the registry cannot price.")
    boolean allowUnpriced;

    @Option(
            names = "--visibility",
            paramLabel = "SECONDS",
            description = "How long a silent worker keeps its lines before others take them over (default 300).")
    long visibilitySeconds = 300;

    @Option(
            names = "--grace",
            paramLabel = "SECONDS",
            description = "After a signal, how long requests in flight may finish (default 30).")
    long graceSeconds = 30;

    private final Session session;

    BatchWorkCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        if (concurrency < 1 || concurrency > 1024) throw Cli.usage(spec, "--concurrency must be 1 to 1024");
        if (graceSeconds < 0) throw Cli.usage(spec, "--grace must not be negative");
        if (visibilitySeconds < 1) throw Cli.usage(spec, "--visibility must be at least 1 second");
        if (maxCost != null && maxCost.signum() < 0) throw Cli.usage(spec, "--max-cost must not be negative");
        Path out = session.context().workingDirectory.resolve(Objects.requireNonNull(output));
        Path dir = state != null
                ? session.context().workingDirectory.resolve(state)
                : out.resolveSibling(out.getFileName() + ".state");
        try (RedisBatchJob queue = BatchJobs.open(
                        spec,
                        Objects.requireNonNull(redis),
                        Objects.requireNonNull(job),
                        Duration.ofSeconds(visibilitySeconds));
                LlmRing ring = BatchRunCommand.ring(session, profile).build()) {
            LineSource lines = queue.source();
            BatchRunner.Builder builder = BatchRunner.builder(ring)
                    .input(lines)
                    .journal(queue.journal(lines, Journal.inDirectory(dir, Duration.ofSeconds(1))))
                    .output(out)
                    .concurrency(concurrency)
                    .allowUnpriced(allowUnpriced)
                    .gracePeriod(Duration.ofSeconds(graceSeconds));
            if (alias != null) builder.alias(alias);
            if (maxCost != null) builder.maxCost(maxCost);
            BatchSummary summary = BatchRunCommand.run(session, builder);
            BatchRunCommand.report(session, summary);
            return summary.exitCode();
        }
    }
}
