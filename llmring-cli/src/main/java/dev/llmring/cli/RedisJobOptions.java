package dev.llmring.cli;

import dev.llmring.redis.RedisBatchJob;
import io.lettuce.core.RedisException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The options {@code batch enqueue} and {@code batch work} share (a picocli mixin): the Redis and the job. */
final class RedisJobOptions {
    @Option(names = "--redis", required = true, paramLabel = "URL", description = "The Redis (redis://host:port).")
    @Nullable
    String redis;

    @Option(names = "--job", required = true, paramLabel = "NAME", description = "The job's name.")
    @Nullable
    String job;

    /**
     * {@code --redis} as a URI.
     *
     * @throws picocli.CommandLine.ParameterException when it is not a redis:// or rediss:// URL
     */
    URI uri(@Nullable CommandSpec spec) {
        URI uri;
        try {
            uri = URI.create(Objects.requireNonNull(redis).trim());
        } catch (IllegalArgumentException e) {
            throw Cli.usage(spec, "--redis is not a URL (redis://host:port)");
        }
        if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
            throw Cli.usage(spec, "--redis must be a redis:// or rediss:// URL");
        }
        return uri;
    }

    /**
     * The job, connected.
     *
     * @throws picocli.CommandLine.ParameterException when the URL or the job name is malformed
     * @throws CliFailure when Redis cannot be reached (the message names the host, never the URL's password)
     */
    RedisBatchJob open(@Nullable CommandSpec spec, Duration visibility) {
        URI uri = uri(spec);
        RedisBatchJob.Builder builder;
        try {
            builder = RedisBatchJob.builder(uri, Objects.requireNonNull(job)).visibilityTimeout(visibility);
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
