package dev.llmring.providers.ollama;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/** Reads fixtures from {@code src/test/resources/ollama/}. */
final class Fixtures {
    private Fixtures() {}

    static String read(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/ollama/" + name)) {
            Objects.requireNonNull(in, "fixture ollama/" + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The non-blank lines of an NDJSON body, as the core's framer delivers them. */
    static List<String> lines(String name) {
        return read(name).lines().filter(l -> !l.isBlank()).toList();
    }
}
