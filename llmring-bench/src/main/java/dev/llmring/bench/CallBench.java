package dev.llmring.bench;

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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The same workloads through each {@link #client}, against one fake server per fork:
 *
 * <ul>
 *   <li>{@link #chat}: one non-streamed call at a time, average time per call (with {@code -prof gc}, its
 *       {@code gc.alloc.rate.norm} is the allocation per call, every thread of the JVM counted);</li>
 *   <li>{@link #stream}: one streamed call at a time, read to its end: the stream consumption time;</li>
 *   <li>{@link #chat64}: non-streamed calls from 64 threads at once, calls per second.</li>
 * </ul>
 *
 * Defaults suit a 2-core machine (about 4 minutes for raw and llmring); {@code -p client=socket} adds the server's
 * ceiling.
 */
@State(Scope.Benchmark)
@Fork(
        value = 2,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseG1GC"})
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
public class CallBench {

    /** {@code raw} (JDK HttpClient + Jackson), {@code llmring}, or {@code socket} (the server's ceiling). */
    @Param({"raw", "llmring"})
    public String client = "raw";

    /**
     * {@code http} (plain HTTP/1.1 on loopback) or {@code https} (TLS with a certificate made for the fork, see
     * {@link Tls}; HTTP/1.1 inside).
     */
    @Param({"http"})
    public String transport = "http";

    private FakeOpenAiServer server;
    private BenchClient calls;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Tls tls =
                switch (transport) {
                    case "http" -> null;
                    case "https" -> Tls.generate();
                    default ->
                        throw new IllegalArgumentException("unknown transport '" + transport + "' (http, https)");
                };
        server = tls == null ? FakeOpenAiServer.start() : FakeOpenAiServer.start(tls.server());
        calls = BenchClient.create(client, server.baseUrl(), tls == null ? null : tls.client());
        check(calls.chat(), Canned.ANSWER, Canned.COMPLETION_TOKENS);
        check(calls.stream(), Canned.TOKEN.repeat(Canned.CHUNKS), Canned.CHUNKS);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        if (calls instanceof RawClient raw && raw.retries() > 0) {
            System.out.printf("%nraw client: %d exchanges retried after an IOException%n", raw.retries());
        }
        long requests = server.requests();
        long bytes = server.allocatedBytes();
        calls.close();
        server.close();
        System.out.printf(
                "%nfake server: %d requests on %d connections, %.0f bytes allocated per request%n",
                requests, server.connectionsAccepted(), requests == 0 ? 0.0 : (double) bytes / requests);
    }

    private void check(BenchClient.Answer answer, String text, long outputTokens) {
        if (client.equals("socket")) return; // parses nothing
        if (!answer.text().equals(text)
                || answer.inputTokens() != Canned.PROMPT_TOKENS
                || answer.outputTokens() != outputTokens) {
            throw new IllegalStateException(client + " read a wrong answer: " + answer);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public BenchClient.Answer chat() throws Exception {
        return calls.chat();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public BenchClient.Answer stream() throws Exception {
        return calls.stream();
    }

    /** Warms up for 30 s: with 64 threads on two cores the JIT needs that long to finish (see {@link Compare}). */
    @Benchmark
    @Threads(64)
    @Warmup(iterations = 15, time = 2)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public BenchClient.Answer chat64() throws Exception {
        return calls.chat();
    }
}
