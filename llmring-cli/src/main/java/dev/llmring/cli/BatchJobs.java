package dev.llmring.cli;

import dev.llmring.redis.RedisBatchJob;
import io.lettuce.core.RedisException;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;

/** Opens the Redis batch job named on the command line of {@code batch enqueue} and {@code batch work}. */
final class BatchJobs {
    private BatchJobs() {}

    /**
     * The job, connected.
     *
     * @throws picocli.CommandLine.ParameterException when the URL or the job name is malformed
     * @throws CliFailure when Redis cannot be reached (the message names the host, never the URL's password)
     */
    static RedisBatchJob open(@Nullable CommandSpec spec, String redis, String job, Duration visibility) {
        URI uri;
        try {
            uri = URI.create(redis.trim());
        } catch (IllegalArgumentException e) {
            throw Cli.usage(spec, "--redis is not a URL (redis://host:port)");
        }
        if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
            throw Cli.usage(spec, "--redis must be a redis:// or rediss:// URL");
        }
        RedisBatchJob.Builder builder;
        try {
            builder = RedisBatchJob.builder(uri, job).visibilityTimeout(visibility);
        } catch (IllegalArgumentException e) {
            throw Cli.usage(spec, "--job: " + e.getMessage());
        }
        try {
            return builder.build();
        } catch (RedisException e) {
            throw new CliFailure("cannot reach Redis at " + uri.getHost() + ":" + uri.getPort(), ExitCodes.FINDING);
        }
    }
}
