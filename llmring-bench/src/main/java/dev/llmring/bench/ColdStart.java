package dev.llmring.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * The cold first call and the live heap, each sample in a fresh JVM. The parent starts the fake server (plain or TLS)
 * and, for every sample, launches one child JVM per client, alternating which goes first. A child loads the trust
 * store (for {@code https}), then times building the client and its first {@code chat} call, counts the classes
 * loaded by then and the CPU time the JVM spent meanwhile (all threads: on a loaded machine the stable figure, where wall
 * time mostly measures waiting for a core), and measures the heap after a full GC with the client still reachable; it
 * prints one line that the parent collects. The llmring child reads its registry from a disk cache the parent seeds
 * once ({@link BenchRegistry}), as any process after the first of the day does, and checks that its call was priced.
 *
 * <pre>
 * java -cp llmring-bench/target/benchmarks.jar dev.llmring.bench.ColdStart [samples] [transport] [jvm-options...]
 * </pre>
 *
 * Defaults: 8 samples, transport {@code both}; child JVMs run the parent's {@code java} with {@code -Xmx1g -XX:+UseG1GC}
 * and any options given after the transport (e.g. {@code -XX:TieredStopAtLevel=1}).
 */
public final class ColdStart {
    private static final String[] CLIENTS = {"raw", "llmring"};
    private static final String[] FIELDS = {"build", "first", "total", "cpu", "classes", "heap", "heapTotal"};

    private ColdStart() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("child")) {
            child(args[1], URI.create(args[2]), args.length > 3 ? Path.of(args[3]) : null);
            return;
        }
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        String which = args.length > 1 ? args[1] : "both";
        List<String> jvmOptions = new ArrayList<>(List.of("-Xmx1g", "-XX:+UseG1GC"));
        for (int i = 2; i < args.length; i++) jvmOptions.add(args[i]);
        String[] transports = which.equals("both") ? new String[] {"http", "https"} : new String[] {which};
        System.out.printf(
                Locale.ROOT,
                "Java %s, %d samples per client and transport, each a fresh JVM (%s)%n",
                System.getProperty("java.version"),
                samples,
                String.join(" ", jvmOptions));
        for (String transport : transports) {
            run(transport, samples, jvmOptions);
        }
    }

    private static void run(String transport, int samples, List<String> options) throws Exception {
        Path dir = Files.createTempDirectory("llmring-cold");
        Path registry = BenchRegistry.seed();
        List<String> jvmOptions = new ArrayList<>(options);
        jvmOptions.add("-D" + BenchRegistry.PROPERTY + "=" + registry);
        Tls tls = null;
        Path trust = null;
        if (transport.equals("https")) {
            tls = Tls.generate();
            trust = dir.resolve("trust.p12");
            Tls.writeTrustStore(tls, trust);
        }
        // client -> field -> one value per sample
        Map<String, Map<String, List<Double>>> values = new LinkedHashMap<>();
        try (FakeOpenAiServer server = tls == null ? FakeOpenAiServer.start() : FakeOpenAiServer.start(tls.server())) {
            for (int sample = 1; sample <= samples; sample++) {
                String[] order = sample % 2 == 1 ? CLIENTS : new String[] {CLIENTS[1], CLIENTS[0]};
                for (String client : order) {
                    double[] line = launch(client, server.baseUrl(), trust, jvmOptions);
                    Map<String, List<Double>> of = values.computeIfAbsent(client, c -> new LinkedHashMap<>());
                    for (int i = 0; i < FIELDS.length; i++) {
                        of.computeIfAbsent(FIELDS[i], f -> new ArrayList<>()).add(line[i]);
                    }
                }
            }
        } finally {
            if (trust != null) Files.deleteIfExists(trust);
            Files.deleteIfExists(dir);
            BenchRegistry.delete(registry);
        }
        print(transport, values);
    }

    private static double[] launch(String client, URI baseUrl, @Nullable Path trust, List<String> jvmOptions)
            throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ColdStart.class.getName());
        command.add("child");
        command.add(client);
        command.add(baseUrl.toString());
        if (trust != null) command.add(trust.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(client + " child failed: " + out);
        }
        for (String line : out.split("\n")) {
            if (line.startsWith("COLD ")) {
                String[] parts = line.substring(5).trim().split(" ");
                double[] v = new double[parts.length];
                for (int i = 0; i < parts.length; i++) v[i] = Double.parseDouble(parts[i]);
                return v;
            }
        }
        throw new IOException(client + " child printed no result: " + out);
    }

    private static void child(String client, URI baseUrl, @Nullable Path trust) throws Exception {
        SSLContext tls = trust == null ? null : trustOnly(trust);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long heapBefore = liveHeap(memory);
        long cpuStart = cpuTime();
        long start = System.nanoTime();
        BenchClient calls = BenchClient.create(client, baseUrl, tls);
        long built = System.nanoTime();
        BenchClient.Answer answer = calls.chat();
        long answered = System.nanoTime();
        long cpu = cpuTime() - cpuStart;
        int classes = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
        if (!answer.text().equals(Canned.ANSWER)) throw new IllegalStateException("wrong answer: " + answer);
        long heapAfter = liveHeap(memory);
        System.out.printf(
                Locale.ROOT,
                "COLD %.1f %.1f %.1f %.1f %d %d %d%n",
                (built - start) / 1e3,
                (answered - built) / 1e3,
                (answered - start) / 1e3,
                cpu / 1e3,
                classes,
                heapAfter - heapBefore,
                heapAfter);
        System.out.flush();
        calls.close();
        Runtime.getRuntime().halt(0); // no shutdown work of either client is measured or waited for
    }

    /** CPU time of the whole JVM so far (every thread: the JIT compilers and GC too), in nanoseconds. */
    private static long cpuTime() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : -1;
    }

    /** Heap in use after a full collection (twice: a second pass frees what finalization let go). */
    private static long liveHeap(MemoryMXBean memory) {
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static SSLContext trustOnly(Path file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, Tls.TRUST_PASSWORD);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    private static void print(String transport, Map<String, Map<String, List<Double>>> values) {
        Map<String, List<Double>> ring = values.get("llmring");
        Map<String, List<Double>> raw = values.get("raw");
        System.out.printf(Locale.ROOT, "%ntransport: %s%n%n", transport.equals("https") ? "https (TLS)" : "http");
        System.out.println("| metric | llmring | raw HttpClient + Jackson | llmring / raw |");
        System.out.println("|---|---:|---:|---:|");
        row("client built (us)", "build", ring, raw);
        row("first call (us)", "first", ring, raw);
        row("built + first call (us): the cold first call", "total", ring, raw);
        row("CPU time of the JVM while building and calling (us)", "cpu", ring, raw);
        row("classes loaded after the first call", "classes", ring, raw);
        row("live heap held by the client after GC (bytes)", "heap", ring, raw);
        row("live heap of the whole JVM after GC (bytes)", "heapTotal", ring, raw);
    }

    private static void row(String label, String field, Map<String, List<Double>> ring, Map<String, List<Double>> raw) {
        List<Double> a = ring.get(field);
        List<Double> b = raw.get(field);
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) ratios.add(a.get(i) / b.get(i));
        System.out.printf(
                Locale.ROOT,
                "| %s | %s | %s | %.2fx +- %.2f |%n",
                label,
                Stats.format(a),
                Stats.format(b),
                Stats.mean(ratios),
                Stats.ci(ratios));
    }
}
