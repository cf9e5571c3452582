package dev.llmring.bench;

import dev.llmring.LlmRing;
import dev.llmring.batch.BatchRunner;
import dev.llmring.batch.BatchSummary;
import dev.llmring.lockfile.Format;
import dev.llmring.lockfile.Lockfile;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A loopback harness for batch runs (not JMH: one run is many thousands of calls). Two modes:
 *
 * <ul>
 *   <li>{@code throughput [lines] [rounds] [concurrency]}: live mode against {@link FakeOpenAiServer}, default 50,000
 *       lines, 5 rounds, concurrency 64; prints lines/s per round and the mean with a 95% confidence interval;</li>
 *   <li>{@code million [lines] [concurrency]}: one run of 1,000,000 lines (run the JVM with {@code -Xmx256m}), then
 *       a rerun that finds every line done; prints time, rate, the heap's peak use and the GC count.</li>
 * </ul>
 *
 * Lines are short-shape requests for the alias {@code chat} (one system and one user message, max_tokens 100); the
 * client has no registry (no pricing work per line).
 */
public final class BatchBench {
    private static final String LOCKFILE =
            """
            version = "1.0"
            default_profile = "default"

            [profiles.default]
            name = "default"

            [[profiles.default.bindings]]
            alias = "chat"
            models = ["openai:gpt-4o-mini"]
            """;

    private BatchBench() {}

    public static void main(String[] args) throws IOException {
        String mode = args.length > 0 ? args[0] : "throughput";
        System.out.printf(
                Locale.ROOT,
                "java %s (%s), %d cores, max heap %d MB%n",
                System.getProperty("java.version"),
                System.getProperty("java.vm.name"),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        if (mode.equals("million")) {
            million(arg(args, 1, 1_000_000), arg(args, 2, 64));
        } else {
            throughput(arg(args, 1, 50_000), arg(args, 2, 5), arg(args, 3, 64));
        }
    }

    private static int arg(String[] args, int i, int otherwise) {
        return args.length > i ? Integer.parseInt(args[i]) : otherwise;
    }

    private static void throughput(int lines, int rounds, int concurrency) throws IOException {
        Path dir = Files.createTempDirectory("llmring-batch-bench");
        Path input = input(dir, lines);
        List<Double> rates = new ArrayList<>();
        try (FakeOpenAiServer server = FakeOpenAiServer.start();
                LlmRing ring = ring(server)) {
            run(ring, input, dir.resolve("warmup.jsonl"), Math.min(concurrency, 64)); // JIT warm-up, not counted
            for (int r = 1; r <= rounds; r++) {
                long before = server.requests();
                BatchSummary s = run(ring, input, dir.resolve("out-" + r + ".jsonl"), concurrency);
                double rate = s.ok() / (s.elapsed().toNanos() / 1e9);
                rates.add(rate);
                System.out.printf(
                        Locale.ROOT,
                        "round %d: %d ok in %.2f s = %.0f lines/s (server saw %d requests)%n",
                        r,
                        s.ok(),
                        s.elapsed().toNanos() / 1e9,
                        rate,
                        server.requests() - before);
            }
        }
        double mean = rates.stream().mapToDouble(d -> d).average().orElse(0);
        double var = rates.stream().mapToDouble(d -> (d - mean) * (d - mean)).sum() / Math.max(1, rates.size() - 1);
        double half = t95(rates.size()) * Math.sqrt(var / rates.size());
        System.out.printf(
                Locale.ROOT,
                "throughput, concurrency %d: %.0f +- %.0f lines/s (95%% CI, %d rounds of %d lines; min %.0f, max %.0f)%n",
                concurrency,
                mean,
                half,
                rates.size(),
                lines,
                rates.stream().mapToDouble(d -> d).min().orElse(0),
                rates.stream().mapToDouble(d -> d).max().orElse(0));
    }

    private static double t95(int n) {
        double[] t = {12.71, 4.30, 3.18, 2.78, 2.57, 2.45, 2.36, 2.31, 2.26};
        return n - 2 < t.length && n >= 2 ? t[n - 2] : 1.96;
    }

    private static void million(int lines, int concurrency) throws IOException {
        Path dir = Files.createTempDirectory("llmring-batch-bench");
        Path input = input(dir, lines);
        System.out.printf(Locale.ROOT, "input: %d lines, %d MB%n", lines, Files.size(input) >> 20);
        try (FakeOpenAiServer server = FakeOpenAiServer.start();
                LlmRing ring = ring(server)) {
            BatchSummary first = run(ring, input, dir.resolve("out.jsonl"), concurrency);
            report("run", first);
            resetPeaks();
            BatchSummary again = run(ring, input, dir.resolve("out.jsonl"), concurrency);
            report("rerun (all done)", again);
            System.out.printf(
                    Locale.ROOT,
                    "output: %d lines, server saw %d requests%n",
                    Files.lines(dir.resolve("out.jsonl")).count(),
                    server.requests());
        }
    }

    private static void report(String what, BatchSummary s) {
        long gcs = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(g -> g.getCollectionCount())
                .sum();
        System.out.printf(
                Locale.ROOT,
                "%s: %d ok, %d done before, %.1f s, %.0f lines/s; heap peak %d MB; GC count so far %d%n",
                what,
                s.ok(),
                s.alreadyDone(),
                s.elapsed().toNanos() / 1e9,
                (s.ok() + s.alreadyDone()) / (s.elapsed().toNanos() / 1e9),
                heapPeak() >> 20,
                gcs);
    }

    private static long heapPeak() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
        }
        return peak;
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) pool.resetPeakUsage();
    }

    private static LlmRing ring(FakeOpenAiServer server) {
        return LlmRing.builder()
                .lockfile(Lockfile.parse(LOCKFILE, Format.TOML, "bench.lock"))
                .environment(name -> null)
                .apiKey("openai", "test-key-123")
                .baseUrl("openai", server.baseUrl())
                .noRegistry()
                .build();
    }

    private static BatchSummary run(LlmRing ring, Path input, Path output, int concurrency) {
        return BatchRunner.builder(ring)
                .input(input)
                .output(output)
                .concurrency(concurrency)
                .build()
                .run();
    }

    private static Path input(Path dir, int lines) throws IOException {
        Path input = dir.resolve("in.jsonl");
        try (BufferedWriter w = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
            for (int i = 1; i <= lines; i++) {
                w.write("{\"custom_id\":\"req-" + i + "\",\"model\":\"chat\",\"messages\":[{\"role\":\"system\","
                        + "\"content\":\"Answer in one sentence.\"},{\"role\":\"user\",\"content\":\"Question number "
                        + i + ": what is the capital of France?\"}],\"max_tokens\":100}\n");
            }
        }
        return input;
    }
}
