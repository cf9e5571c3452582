package dev.llmring.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs {@link CallBench} for {@code raw} and {@code llmring} in alternating single forks, round after round, and
 * prints each metric with its spread and the llmring/raw ratio against the targets. Alternating matters on a shared
 * machine: load that comes and goes hits both clients alike, and every ratio is taken within one round (the two forks
 * ran back to back) before the ratios are averaged.
 *
 * <pre>
 * java -cp llmring-bench/target/benchmarks.jar dev.llmring.bench.Compare [rounds] [warmup-s] [measure-s] [transport]
 * </pre>
 *
 * Defaults: 3 rounds, 8 warm-up and 4 measured one-second iterations per benchmark and fork, transport {@code both}
 * ({@code http} then {@code https} within each round; or just one of them), then one fork of the {@code socket}
 * client per transport for the server's ceiling. One table per transport.
 *
 * <p>{@code chat64} warms up three times as long as the others ({@link #CONCURRENT_WARMUP}). With 64 threads on two
 * cores the JIT's compiler threads get a small share of the CPU: on the benchmark machine C2 still took 15% to 27% of
 * the CPU 12 seconds into a {@code chat64} fork, and the calls per second kept rising until about 15 seconds (plain
 * HTTP) and 25 to 30 seconds (TLS). A shorter warm-up measures how fast each client gets compiled, not how fast it
 * runs, and penalises the one with more code on its path.
 */
public final class Compare {
    private static final String[] SINGLE = {"chat", "stream"};
    private static final String[] CONCURRENT = {"chat64"};

    /** How many times the given warm-up {@code chat64} gets (see the class comment). */
    static final int CONCURRENT_WARMUP = 3;

    /**
     * One line of the table: a benchmark's score or its allocation, how to compare it, and the target ratio over
     * plain HTTP and over TLS (0: reported, no target).
     */
    private record Metric(
            String label,
            String benchmark,
            boolean alloc,
            String unit,
            double httpBound,
            double httpsBound,
            boolean higherIsBetter) {

        double bound(String transport) {
            return transport.equals("https") ? httpsBound : httpBound;
        }
    }

    private static final List<Metric> METRICS = List.of(
            new Metric("single-call latency, chat", "chat", false, "us/call", 0, 0, false),
            new Metric("throughput, 64 concurrent callers", "chat64", false, "calls/s", 1.4, 1.2, true),
            new Metric("allocation per call, chat", "chat", true, "B/call", 1.0, 1.0, false),
            new Metric("allocation per call, stream", "stream", true, "B/call", 0.8, 0.8, false),
            new Metric("stream consumption time (200 chunks)", "stream", false, "us/call", 1.0, 1.0, false),
            new Metric("allocation per call, 64 callers", "chat64", true, "B/call", 0, 0, false));

    private Compare() {}

    public static void main(String[] args) throws RunnerException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int measure = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        String[] transports = transports(args.length > 3 ? args[3] : "both");
        // transport -> client -> "benchmark" or "benchmark:alloc" -> one value per round
        Map<String, Map<String, Map<String, List<Double>>>> values = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            String[] order = round % 2 == 1 ? new String[] {"raw", "llmring"} : new String[] {"llmring", "raw"};
            for (String transport : transports) {
                for (String client : order) {
                    System.out.printf("round %d/%d: %s over %s ...%n", round, rounds, client, transport);
                    List<RunResult> results = new ArrayList<>(run(client, transport, SINGLE, warmup, measure));
                    results.addAll(run(client, transport, CONCURRENT, warmup * CONCURRENT_WARMUP, measure));
                    for (RunResult r : results) {
                        String bench = name(r);
                        Map<String, List<Double>> of = values.computeIfAbsent(transport, t -> new LinkedHashMap<>())
                                .computeIfAbsent(client, c -> new LinkedHashMap<>());
                        of.computeIfAbsent(bench, b -> new ArrayList<>())
                                .add(r.getPrimaryResult().getScore());
                        Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
                        if (alloc != null) {
                            of.computeIfAbsent(bench + ":alloc", b -> new ArrayList<>())
                                    .add(alloc.getScore());
                        }
                    }
                }
            }
        }
        Map<String, Map<String, Double>> ceilings = new LinkedHashMap<>();
        for (String transport : transports) {
            System.out.printf("server ceiling over %s: socket client ...%n", transport);
            Map<String, Double> ceiling = new LinkedHashMap<>();
            for (RunResult r : run("socket", transport, new String[] {"chat", "chat64"}, warmup, measure)) {
                ceiling.put(name(r), r.getPrimaryResult().getScore());
            }
            ceilings.put(transport, ceiling);
        }
        System.out.printf(
                Locale.ROOT,
                "%nJava %s (%s), %d rounds, each one fork per client, transport and benchmark (%d x 1 s warm-up, %d"
                        + " for chat64; %d x 1 s measured); mean +- 95%% CI over rounds; ratio = llmring / raw within a"
                        + " round, then averaged%n",
                System.getProperty("java.version"),
                System.getProperty("java.vm.vendor"),
                rounds,
                warmup,
                warmup * CONCURRENT_WARMUP,
                measure);
        for (String transport : transports) {
            print(transport, values.get(transport), ceilings.get(transport));
        }
    }

    private static String[] transports(String arg) {
        return switch (arg) {
            case "both" -> new String[] {"http", "https"};
            case "http", "https" -> new String[] {arg};
            default -> throw new IllegalArgumentException("transport must be http, https or both, was '" + arg + "'");
        };
    }

    private static java.util.Collection<RunResult> run(
            String client, String transport, String[] benchmarks, int warmup, int measure) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(CallBench.class.getName() + "\\.(" + String.join("|", benchmarks) + ")$")
                .param("client", client)
                .param("transport", transport)
                .forks(1)
                .warmupIterations(warmup)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(measure)
                .measurementTime(TimeValue.seconds(1))
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();
        return new Runner(options).run();
    }

    private static String name(RunResult r) {
        String full = r.getParams().getBenchmark();
        return full.substring(full.lastIndexOf('.') + 1);
    }

    private static void print(
            String transport, Map<String, Map<String, List<Double>>> values, Map<String, Double> ceiling) {
        Map<String, List<Double>> ring = values.get("llmring");
        Map<String, List<Double>> raw = values.get("raw");
        System.out.printf(Locale.ROOT, "%ntransport: %s%n%n", transport.equals("https") ? "https (TLS)" : "http");
        System.out.println("| metric | llmring | raw HttpClient + Jackson | llmring / raw | target | met |");
        System.out.println("|---|---:|---:|---:|---|---|");
        for (Metric m : METRICS) {
            String key = m.benchmark() + (m.alloc() ? ":alloc" : "");
            List<Double> a = ring.get(key);
            List<Double> b = raw.get(key);
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < Math.min(a.size(), b.size()); i++) ratios.add(a.get(i) / b.get(i));
            double ratio = Stats.mean(ratios);
            double bound = m.bound(transport);
            String met = bound == 0 ? "-" : (m.higherIsBetter() ? ratio >= bound : ratio <= bound) ? "yes" : "no";
            String target = bound == 0
                    ? "report"
                    : String.format(Locale.ROOT, "%s %.1fx", m.higherIsBetter() ? ">=" : "<=", bound);
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %s %s | %s %s | %.2fx +- %.2f | %s | %s |%n",
                    m.label(),
                    Stats.format(a),
                    m.unit(),
                    Stats.format(b),
                    m.unit(),
                    ratio,
                    Stats.ci(ratios),
                    target,
                    met);
        }
        if (!ceiling.isEmpty()) {
            System.out.printf(
                    Locale.ROOT,
                    "%nfake server alone (%s socket client, parses nothing): chat %.1f us/call, "
                            + "64 callers %.0f calls/s%n",
                    transport,
                    ceiling.getOrDefault("chat", Double.NaN),
                    ceiling.getOrDefault("chat64", Double.NaN));
        }
    }
}
