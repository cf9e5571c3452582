package dev.llmring.cli;

import dev.llmring.batch.BatchRunner;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The options {@code batch run} and {@code batch work} share, declared once (a picocli mixin). */
final class BatchOptions {
    @Option(names = "--out", required = true, paramLabel = "OUTPUT", description = "The output JSONL file.")
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

    @Option(
            names = "--max-cost",
            paramLabel = "USD",
            description = "Stop before this command's requests cost more than this.")
    @Nullable
    BigDecimal maxCost;

    @Option(names = "--allow-unpriced", description = "Under --max-cost, send lines the registry cannot price.")
    boolean allowUnpriced;

    @Option(
            names = "--grace",
            paramLabel = "SECONDS",
            description = "After a signal, how long requests in flight may finish (default 30).")
    long graceSeconds = 30;

    /**
     * Refuses values out of range.
     *
     * @throws picocli.CommandLine.ParameterException naming the option
     */
    void validate(@Nullable CommandSpec spec) {
        if (concurrency < 1 || concurrency > 1024) throw Cli.usage(spec, "--concurrency must be 1 to 1024");
        if (graceSeconds < 0) throw Cli.usage(spec, "--grace must not be negative");
        if (maxCost != null && maxCost.signum() < 0) throw Cli.usage(spec, "--max-cost must not be negative");
    }

    /** {@code --out}, resolved against the working directory. */
    Path output(Session session) {
        return session.context().workingDirectory.resolve(Objects.requireNonNull(output));
    }

    /** Sets what these options say on {@code builder} (all but the output and the state directory). */
    BatchRunner.Builder applyTo(BatchRunner.Builder builder) {
        builder.concurrency(concurrency).allowUnpriced(allowUnpriced).gracePeriod(Duration.ofSeconds(graceSeconds));
        if (alias != null) builder.alias(alias);
        if (maxCost != null) builder.maxCost(maxCost);
        return builder;
    }
}
