package dev.llmring.cli;

import dev.llmring.batch.BatchInputException;
import dev.llmring.redis.RedisBatchJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code llmring batch enqueue INPUT --redis URL --job NAME}: fills a job's Redis Stream for {@code batch work}. */
@Command(
        name = "enqueue",
        mixinStandardHelpOptions = true,
        description = {
            "Add every line of INPUT (with its custom_id) to the Redis Stream of job NAME, for `llmring batch work`"
                    + " on any number of machines (docs/batch.md). Lines without a custom_id, or with a repeated one,"
                    + " refuse the whole file."
        })
final class BatchEnqueueCommand implements Callable<Integer> {
    @Spec
    @Nullable
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INPUT", description = "The input JSONL file.")
    @Nullable
    Path input;

    @Mixin
    RedisJobOptions redis = new RedisJobOptions();

    private final Session session;

    BatchEnqueueCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        Path in = session.context().workingDirectory.resolve(Objects.requireNonNull(input));
        if (!Files.isRegularFile(in)) throw Cli.usage(spec, "no input file " + input);
        try (RedisBatchJob queue = redis.open(spec, Duration.ofMinutes(5))) {
            long added = queue.enqueue(in);
            session.err().println("llmring batch: " + added + " lines enqueued for job " + queue.job());
            session.err().flush();
            return ExitCodes.OK;
        } catch (BatchInputException e) {
            throw new CliFailure(e.getMessage(), ExitCodes.USAGE);
        }
    }
}
