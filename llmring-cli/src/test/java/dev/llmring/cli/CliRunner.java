package dev.llmring.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Runs the command line in-process on a temporary directory, with a fixed clock and a captured stdout/stderr. */
final class CliRunner {
    static final Instant NOW = Instant.parse("2025-10-15T10:00:00Z");

    final Path dir;
    final Map<String, String> env = new HashMap<>();
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    String stdin = "";
    /** Where discovery looks for a classpath lockfile; null: the test's own class path. */
    @Nullable
    ClassLoader classLoader;

    /** What one run printed and returned. */
    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    CliRunner(Path dir) {
        this.dir = dir;
    }

    /** Points the registry at {@code server} (through LLMRING_REGISTRY_URL) with a cache under the directory. */
    CliRunner registry(RegistryStub server) {
        env.put("LLMRING_REGISTRY_URL", server.baseUrl());
        return this;
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext.Builder context = CliContext.builder()
                .out(new PrintWriter(out, true))
                .err(new PrintWriter(err, true))
                .in(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)))
                .environment(env::get)
                .workingDirectory(dir)
                .clock(clock)
                .registryTweaks(b -> b.allowHttpLoopbackForTesting().cacheDirectory(dir.resolve(".cache")));
        if (classLoader != null) context.classLoader(classLoader);
        int code = Cli.run(args, context.build());
        return new Result(code, out.toString(), err.toString());
    }
}
