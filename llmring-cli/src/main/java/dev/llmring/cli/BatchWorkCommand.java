package dev.llmring.cli;

import dev.llmring.LlmRing;
import dev.llmring.batch.BatchRunner;
import dev.llmring.batch.BatchSummary;
import dev.llmring.batch.Journal;
import dev.llmring.batch.LineSource;
import dev.llmring.redis.RedisBatchJob;
import dev.llmring.redis.RedisLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
            "The lockfile's rate limits and budgets are held in the same Redis, shared by every worker (and every"
                    + " application using RedisLimits with the default key prefix); while Redis is unreachable each"
                    + " worker keeps to 1/--instances of them (docs/limits.md). --max-cost is this worker's own cap.",
            "Exit status as `llmring batch run`."
        })
final class BatchWorkCommand implements Callable<Integer> {
    @Spec
    @Nullable
    CommandSpec spec;

    @Mixin
    RedisJobOptions redis = new RedisJobOptions();

    @Mixin
    BatchOptions options = new BatchOptions();

    @Option(
            names = "--visibility",
            paramLabel = "SECONDS",
            description = "How long a silent worker keeps its lines before others take them over (default 300).")
    long visibilitySeconds = 300;

    @Option(
            names = "--instances",
            paramLabel = "N",
            description = "How many workers share the limits: while Redis is unreachable each keeps to 1/N of every"
                    + " rate limit and budget (default 1).")
    int instances = 1;

    private final Session session;

    BatchWorkCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        options.validate(spec);
        if (visibilitySeconds < 1) throw Cli.usage(spec, "--visibility must be at least 1 second");
        if (instances < 1) throw Cli.usage(spec, "--instances must be at least 1");
        Path out = options.output(session);
        Path dir = options.state != null
                ? session.context().workingDirectory.resolve(options.state)
                : out.resolveSibling(out.getFileName() + ".state");
        RedisLimits limits =
                RedisLimits.builder(redis.uri(spec)).instances(instances).build();
        try (RedisBatchJob queue = redis.open(spec, Duration.ofSeconds(visibilitySeconds));
                LlmRing ring = BatchRunCommand.ring(session, options.profile)
                        .limits(limits)
                        .build()) {
            LineSource lines = queue.source();
            BatchRunner.Builder builder = options.applyTo(BatchRunner.builder(ring))
                    .input(lines)
                    .journal(queue.journal(lines, Journal.inDirectory(dir, Duration.ofSeconds(1))))
                    .output(out);
            BatchSummary summary = BatchRunCommand.run(session, builder);
            BatchRunCommand.report(session, summary);
            return summary.exitCode();
        }
    }
}
