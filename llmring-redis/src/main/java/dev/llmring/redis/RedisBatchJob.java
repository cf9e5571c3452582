package dev.llmring.redis;

import dev.llmring.batch.BatchInputException;
import dev.llmring.batch.Journal;
import dev.llmring.batch.LineSource;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One batch job shared by several workers through Redis: its lines in a Redis Stream read by a consumer group, and a
 * hash of the outcome recorded for each {@code custom_id}, the job's record. {@link #enqueue(Path)} fills the stream;
 * each worker runs a {@link dev.llmring.batch.BatchRunner} with {@link #source()} and {@link #journal(LineSource, Journal)}. A line
 * is acknowledged only once its outcome is recorded; a line held by a worker that died is taken over by another after
 * the visibility timeout. See {@code docs/batch.md}.
 *
 * <pre>{@code
 * try (RedisBatchJob job = RedisBatchJob.builder(URI.create("redis://queue:6379"), "nightly").build()) {
 *     LineSource lines = job.source();
 *     BatchRunner.builder(ring)
 *             .input(lines)
 *             .journal(job.journal(lines, Journal.inDirectory(Path.of("out.jsonl.state"), Duration.ofSeconds(1))))
 *             .output(Path.of("out.jsonl"))
 *             .build()
 *             .run();
 * }
 * }</pre>
 */
public final class RedisBatchJob implements AutoCloseable {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    static final String GROUP = "workers";

    final RedisClient client;
    final StatefulRedisConnection<String, String> connection;
    private final String job;
    final String stream;
    final String done;
    final Duration visibility;
    final Duration poll;
    private final List<StreamLines> sources = new java.util.concurrent.CopyOnWriteArrayList<>();

    private RedisBatchJob(Builder b) {
        this.job = b.job;
        this.stream = "llmring:batch:" + b.job + ":lines";
        this.done = "llmring:batch:" + b.job + ":done";
        this.visibility = b.visibility;
        this.poll = b.visibility.dividedBy(4).isZero() ? Duration.ofMillis(1) : b.visibility.dividedBy(4);
        this.client = RedisClient.create(RedisURI.create(b.uri));
        try {
            this.connection = client.connect(StringCodec.UTF8);
            createGroup(connection.sync());
        } catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
    }

    /**
     * A builder of the job {@code job} in the Redis at {@code uri}.
     *
     * @param uri the Redis ({@code redis://host:port}, {@code rediss://} for TLS)
     * @param job the job's name, which names its keys ({@code llmring:batch:<job>:…})
     * @return a new builder
     * @throws IllegalArgumentException when the job name is not 1 to 100 letters, digits, dots, dashes or underscores
     */
    public static Builder builder(URI uri, String job) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(job, "job");
        if (!NAME.matcher(job).matches()) {
            throw new IllegalArgumentException(
                    "a job name is 1 to 100 letters, digits, '.', '-' or '_', was '" + job + "'");
        }
        return new Builder(uri, job);
    }

    private void createGroup(RedisCommands<String, String> redis) {
        try {
            redis.xgroupCreate(XReadArgs.StreamOffset.from(stream, "0-0"), GROUP, XGroupCreateArgs.Builder.mkstream());
        } catch (RedisBusyException exists) {
            // another worker, or enqueue, created it
        }
    }

    /**
     * Streams {@code input} (JSONL, one request a line) into the job's stream, each non-blank line with its
     * {@code custom_id}. Lines without a readable {@code custom_id}, and ids repeated within the file, are refused
     * before anything is added.
     *
     * @param input the JSONL file
     * @return how many lines were added
     * @throws BatchInputException naming the lines without a {@code custom_id} or with a repeated one
     * @throws UncheckedIOException when the file cannot be read
     */
    public long enqueue(Path input) {
        Objects.requireNonNull(input, "input");
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        forEachLine(input, (n, text) -> {
            String id = StreamLines.customId(text);
            if (id == null) problems.add("line " + n + " has no readable custom_id");
            else if (!seen.add(id)) problems.add("custom_id '" + id + "' repeats on line " + n);
        });
        seen.clear();
        if (!problems.isEmpty()) {
            throw new BatchInputException(
                    problems.size() + " problem(s) in " + input + "; nothing was enqueued:\n  "
                            + String.join("\n  ", problems.subList(0, Math.min(10, problems.size()))),
                    problems);
        }
        RedisCommands<String, String> redis = connection.sync();
        long[] added = {0};
        forEachLine(input, (n, text) -> {
            redis.xadd(stream, Map.of("id", Objects.requireNonNull(StreamLines.customId(text)), "line", text));
            added[0]++;
        });
        return added[0];
    }

    private static void forEachLine(Path input, LineVisitor visitor) {
        try (BufferedReader reader = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            long n = 0;
            String text;
            while ((text = reader.readLine()) != null) {
                n++;
                if (!text.isBlank()) visitor.line(n, text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + input + ": " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface LineVisitor {
        void line(long n, String text);
    }

    /**
     * The job's lines for one worker (a new consumer of the group each call): new lines, and lines another worker
     * has held unacknowledged longer than the visibility timeout. A line whose {@code custom_id} is already recorded
     * is acknowledged and passed over. The pass ends when nothing is new, nothing can be taken over and no other
     * worker holds a line. Read by one runner, once; its lines are acknowledged by {@link #journal(LineSource, Journal)}.
     *
     * @return a new source, for {@code BatchRunner.Builder.input(LineSource)}
     */
    public LineSource source() {
        StreamLines lines = new StreamLines(this, "worker-" + UUID.randomUUID());
        sources.add(lines);
        return lines;
    }

    /**
     * The journal of record for a worker reading {@code lines}: each outcome is recorded in the job's hash once per
     * {@code custom_id} ({@code HSETNX}); the first to record it writes it to {@code local} (this machine's journal,
     * from which its output is derived), a later one writes nothing. The line is then acknowledged, unless it was
     * skipped (budget, unpriced): that line stays pending for another worker. A line with no {@code custom_id} is
     * recorded under {@code line:} and its stream entry id.
     *
     * @param lines a source of this job, from {@link #source()}
     * @param local this machine's journal, such as {@code Journal.inDirectory}
     * @return the journal, for {@code BatchRunner.Builder.journal(Journal)}
     * @throws IllegalArgumentException when {@code lines} is not a source of this job
     */
    public Journal journal(LineSource lines, Journal local) {
        if (!(lines instanceof StreamLines s) || s.owner != this) {
            throw new IllegalArgumentException("not a source of job " + job + ": " + lines.name());
        }
        return new SharedJournal(s, local);
    }

    /**
     * The job's name.
     *
     * @return the name given to {@link #builder(URI, String)}
     */
    public String job() {
        return job;
    }

    /**
     * Stops the sources' heartbeats and closes the connection; lines this worker holds unacknowledged are taken over by
     * others after the visibility timeout.
     */
    @Override
    public void close() {
        sources.forEach(StreamLines::stop);
        try {
            connection.close();
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    @Override
    public String toString() {
        return "RedisBatchJob[" + job + "]";
    }

    /** Builds a {@link RedisBatchJob}. */
    public static final class Builder {
        private final URI uri;
        private final String job;
        private Duration visibility = Duration.ofMinutes(5);

        private Builder(URI uri, String job) {
            this.uri = uri;
            this.job = job;
        }

        /**
         * How long a worker may go silent before another takes over the lines it holds (default 5 minutes). A live
         * worker claims its lines again every third of this, however long its requests take; a worker that died
         * (or lost Redis) stops, and its lines go to others after this long.
         *
         * @param timeout the visibility timeout
         * @return this builder
         * @throws IllegalArgumentException unless positive
         */
        public Builder visibilityTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("visibilityTimeout must be positive, was " + timeout);
            }
            this.visibility = timeout;
            return this;
        }

        /**
         * Connects and creates the stream and its consumer group when missing.
         *
         * @return the job, connected; close it when done
         * @throws io.lettuce.core.RedisException when Redis cannot be reached
         */
        public RedisBatchJob build() {
            return new RedisBatchJob(this);
        }
    }
}
