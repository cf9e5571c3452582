package dev.llmring.bench;

import dev.llmring.registry.Registry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Locale;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The registry data llmring prices the benchmarked calls from, without the network: a disk cache laid out as any
 * llmring process leaves it after fetching the public registry, holding an OpenAI document as large as the public one
 * (48 models, about 90 KB, every field the public document has) in which {@code gpt-4o-mini} is priced. The llmring
 * client is pointed at it with {@code XDG_CACHE_HOME} and keeps the default (public) registry URL; the copy is fresh, so
 * the client reads it from disk in the background at build, prices every call from it, and never fetches: the
 * steady state of an application whose registry cache was filled within the day. A benchmark never reaches the
 * internet.
 *
 * <p>The cache file format (one header line, then the document) is the one {@code dev.llmring.registry.DiskCache}
 * documents; the bench writes it itself since that class is internal.
 */
final class BenchRegistry {
    /** System property naming a cache directory already seeded (ColdStart seeds one for all its child JVMs). */
    static final String PROPERTY = "llmring.bench.registry";

    static final int MODELS = 48;

    private BenchRegistry() {}

    /** The seeded cache directory {@link #PROPERTY} names, or null when the client should seed its own. */
    static @Nullable Path given() {
        String given = System.getProperty(PROPERTY);
        return given == null ? null : Path.of(given);
    }

    /** A new temporary {@code XDG_CACHE_HOME} holding a fresh copy of the bench's OpenAI document. */
    static Path seed() {
        try {
            Path home = Files.createTempDirectory("llmring-bench-cache");
            byte[] body = document().getBytes(StandardCharsets.UTF_8);
            Path file = home.resolve("llmring")
                    .resolve("registry")
                    .resolve(sha256Hex(Registry.DEFAULT_BASE_URL.toString().getBytes(StandardCharsets.UTF_8))
                            .substring(0, 16))
                    .resolve("openai")
                    .resolve("models.json");
            Files.createDirectories(file.getParent());
            String header = "llmring-registry-cache 1 " + System.currentTimeMillis() + " " + sha256Hex(body) + "\n";
            byte[] head = header.getBytes(StandardCharsets.US_ASCII);
            byte[] all = new byte[head.length + body.length];
            System.arraycopy(head, 0, all, 0, head.length);
            System.arraycopy(body, 0, all, head.length, body.length);
            Files.write(file, all);
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a directory {@link #seed()} made. */
    static void delete(Path home) {
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    /** The OpenAI document: {@code gpt-4o-mini} at $0.15 / $0.60 per million tokens, then 47 other models. */
    static String document() {
        StringBuilder b = new StringBuilder(100_000);
        b.append("{\n  \"provider\": \"openai\",\n  \"version\": 7,\n  \"updated_at\": \"2026-11-30T00:00:00Z\",\n");
        b.append("  \"models\": {\n");
        for (int i = 0; i < MODELS; i++) {
            String name = i == 0 ? "gpt-4o-mini" : String.format(Locale.ROOT, "bench-model-%02d", i);
            double in = i == 0 ? 0.15 : 0.05 * i;
            double out = i == 0 ? 0.60 : 0.4 * i;
            if (i > 0) b.append(",\n");
            b.append("    \"openai:").append(name).append("\": {\n");
            field(b, "provider", "\"openai\"");
            field(b, "model_name", '"' + name + '"');
            field(b, "display_name", '"' + name.toUpperCase(Locale.ROOT) + '"');
            field(
                    b,
                    "description",
                    "\"A model of the benchmark's registry, shaped like the public registry's entries: a sentence or "
                            + "two on what the model is good at, its context window and how it compares with others.\"");
            field(b, "model_aliases", i % 3 == 0 ? "[\"" + name + "-latest\"]" : "[]");
            field(b, "dollars_per_million_tokens_input", Double.toString(in));
            field(b, "dollars_per_million_tokens_output", Double.toString(out));
            field(b, "dollars_per_million_tokens_cached_input", Double.toString(in / 2));
            field(b, "max_input_tokens", "128000");
            field(b, "max_output_tokens", "16384");
            for (String flag : new String[] {
                "supports_vision", "supports_function_calling", "supports_json_mode", "supports_parallel_tool_calls",
                "supports_streaming", "supports_audio", "supports_documents", "supports_json_schema",
                "supports_logprobs", "supports_multiple_responses", "supports_caching", "supports_temperature",
                "supports_system_message", "supports_pdf_input", "supports_tool_choice"
            }) {
                field(b, flag, (flag.hashCode() + i) % 4 == 0 ? "false" : "true");
            }
            field(b, "is_reasoning_model", i % 4 == 0 ? "true" : "false");
            for (String none : new String[] {
                "speed_tier",
                "intelligence_tier",
                "requires_tier",
                "model_family",
                "recommended_use_cases",
                "release_date",
                "deprecated_date",
                "added_date",
                "temperature_values",
                "max_tools",
                "tool_call_format"
            }) {
                field(b, none, "null");
            }
            field(b, "requires_waitlist", "false");
            field(b, "is_active", "true");
            field(b, "api_endpoint", "\"chat\"");
            field(b, "requires_flat_input", "false");
            field(b, "max_temperature", "2.0");
            b.append("      \"min_temperature\": 0.0\n    }");
        }
        return b.append("\n  }\n}\n").toString();
    }

    private static void field(StringBuilder b, String name, String json) {
        b.append("      \"").append(name).append("\": ").append(json).append(",\n");
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
