package dev.llmring.bench;

import dev.llmring.Usage;
import dev.llmring.limits.Admission;
import dev.llmring.limits.LimitedAttempt;
import dev.llmring.limits.Limiter;
import dev.llmring.limits.LimiterFactory;
import dev.llmring.limits.Outcome;
import dev.llmring.limits.local.Limits;
import dev.llmring.limits.local.Period;
import dev.llmring.limits.local.RateLimit;
import dev.llmring.redis.RedisLimits;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a limit costs a call: one admission and its settling ({@link #admitAndSettle}), average time, on limits in this
 * process ({@code local}) or shared in a real {@code redis-server} on loopback ({@code redis}, the binary of the
 * embedded-redis jar, started per fork). The limits never refuse (they are far above the rate offered), so every
 * operation is the full path:
 *
 * <ul>
 *   <li>{@code requests}: a requests-per-minute bucket for the binding;</li>
 *   <li>{@code all}: requests and tokens per minute and a concurrency limit for the binding, and a daily budget for
 *       the alias (a reservation at the worst case, settled to the real cost).</li>
 * </ul>
 *
 * {@code java -cp llmring-bench/target/benchmarks.jar org.openjdk.jmh.Main LimitsBench} (about 3 minutes).
 */
@State(Scope.Benchmark)
@Fork(
        value = 2,
        jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-XX:+UseG1GC"})
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
public class LimitsBench {
    private static final String BINARY = "redis-server-6.2.6-v5-linux-amd64";
    private static final BigDecimal WORST = new BigDecimal("0.0004");
    private static final BigDecimal COST = new BigDecimal("0.0002");

    /** {@code local} or {@code redis}. */
    @Param({"local", "redis"})
    public String store = "local";

    /** {@code requests} or {@code all} (see the class). */
    @Param({"requests", "all"})
    public String limits = "requests";

    private Path binary;
    private Process redis;
    private Limiter limiter;
    private LimitedAttempt attempt;
    private Outcome outcome;
    private RedisClient stats;
    private StatefulRedisConnection<String, String> statsConnection;
    private long commandsBefore;
    private long calls;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        RateLimit.Builder rate = RateLimit.builder().requestsPerMinute(1_000_000_000L);
        Limits.Builder spec = Limits.builder().readLockfile(false);
        if (limits.equals("all")) {
            rate.tokensPerMinute(30_000_000_000L).maxConcurrentRequests(1_000);
            spec.aliasBudget("chat", Period.DAY, new BigDecimal("1000000000"));
        }
        spec.binding("openai:gpt-4o", rate.build());
        LimiterFactory factory = spec.build();
        if (store.equals("redis")) {
            int port = startRedis();
            factory = RedisLimits.builder(URI.create("redis://127.0.0.1:" + port))
                    .limits(spec.build())
                    .keyPrefix("bench:")
                    .timeout(Duration.ofSeconds(5)) // a loaded machine's first connect must not fall back
                    .build();
            stats = RedisClient.create("redis://127.0.0.1:" + port);
            statsConnection = stats.connect();
        }
        limiter = factory.create(new LimiterFactory.Context(null, Clock.systemUTC()));
        attempt = LimitedAttempt.builder("chat", "openai", "gpt-4o")
                .estimatedInputTokens(500)
                .maxOutputTokens(200)
                .worstCaseCost(WORST)
                .build();
        outcome = Outcome.builder()
                .status(200)
                .usage(Usage.builder().inputTokens(480).outputTokens(120).build())
                .cost(COST)
                .build();
        admitAndSettle(); // fails here when the limits refuse
        commandsBefore = commands();
    }

    /** Commands the Redis processed so far (0 for local limits). */
    private long commands() {
        if (statsConnection == null) return 0;
        for (String line : statsConnection.sync().info("stats").split("\r?\n")) {
            if (line.startsWith("total_commands_processed:"))
                return Long.parseLong(line.substring(25).trim());
        }
        throw new IllegalStateException("no total_commands_processed in INFO stats");
    }

    private int startRedis() throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        binary = Files.createTempFile("redis-server", "");
        try (InputStream in = redis.embedded.RedisServer.class.getClassLoader().getResourceAsStream(BINARY)) {
            if (in == null) throw new IOException("the embedded-redis jar has no " + BINARY);
            Files.copy(in, binary, StandardCopyOption.REPLACE_EXISTING);
        }
        if (!binary.toFile().setExecutable(true)) throw new IOException("cannot make " + binary + " executable");
        redis = new ProcessBuilder(
                        binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        for (int i = 0; i < 200; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                if (s.isConnected()) return port;
            } catch (IOException notYet) {
                Thread.sleep(25);
            }
        }
        throw new IOException("redis-server did not start on port " + port);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        if (statsConnection != null) {
            // every call went to Redis (none to the fallback) when this is the commands of one call
            System.out.printf(
                    "%nredis: %.2f commands per admission and settling (%d calls)%n",
                    (commands() - commandsBefore) / (double) Math.max(1, calls), calls);
            statsConnection.close();
            stats.shutdown();
        }
        limiter.close();
        if (redis != null) {
            redis.destroyForcibly();
            redis.waitFor(10, TimeUnit.SECONDS);
        }
        if (binary != null) Files.deleteIfExists(binary);
    }

    /** One admission and its settling, one thread. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Admission admitAndSettle() {
        calls++;
        Admission a = limiter.admit(attempt);
        a.permit()
                .orElseThrow(() -> new IllegalStateException("refused: " + a.reason()))
                .settle(outcome);
        return a;
    }
}
