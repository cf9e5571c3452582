package dev.llmring.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/** Lockfiles the tests start from. */
final class Fixtures {
    /** Two profiles; default pins openai 2 and anthropic 3; prod pins openai 1 (an older snapshot). */
    static final String LOCKFILE =
            """
            version = "1.0"
            created_at = "2025-09-01T00:00:00+00:00"
            updated_at = "2025-09-01T00:00:00+00:00"
            default_profile = "default"

            [profiles.default]
            name = "default"

            [profiles.default.registry_versions]
            openai = 2
            anthropic = 3

            [[profiles.default.bindings]]
            alias = "assistant"
            models = ["anthropic:claude-sonnet-4-5", "openai:gpt-5"]

            [[profiles.default.bindings]]
            alias = "summarizer"
            models = ["openai:gpt-5-mini"]

            [profiles.default.bindings.constraints]
            max_cost_usd_per_call = 0.05

            [profiles.prod]
            name = "prod"

            [profiles.prod.registry_versions]
            openai = 1

            [[profiles.prod.bindings]]
            alias = "summarizer"
            models = ["openai:gpt-5-mini"]
            """;

    private Fixtures() {}

    static Path write(Path dir, String name, String text) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path lockfile(Path dir) {
        return write(dir, "llmring.lock", LOCKFILE);
    }

    /** A jar holding one text entry, built with java.util.jar. */
    static Path jar(Path file, String entry, String text) {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file))) {
            out.putNextEntry(new JarEntry(entry));
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
