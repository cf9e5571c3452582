package dev.llmring;

import dev.llmring.registry.Registry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A registry laid out on disk for tests ({@code file:} base URL: read directly, no network, no disk cache), with
 * made-up models of the test providers a, b and c.
 */
final class RegistryFiles {
    private final Path root;

    RegistryFiles(Path root) {
        this.root = root;
    }

    /** Writes {@code provider/models.json} (version {@code version}), or the snapshot when {@code snapshot}. */
    RegistryFiles document(String provider, int version, boolean snapshot, String... models) {
        Path dir = snapshot
                ? root.resolve(provider).resolve("v").resolve(Integer.toString(version))
                : root.resolve(provider);
        List<String> entries = new ArrayList<>();
        for (String m : models) entries.add(m.replace("PROVIDER", provider));
        String body = "{\"provider\":\"" + provider + "\",\"version\":" + version
                + ",\"updated_at\":\"2030-01-01T00:00:00Z\",\"models\":{" + String.join(",", entries) + "}}";
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("models.json"), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The current document of {@code provider}, version 2. */
    RegistryFiles current(String provider, String... models) {
        return document(provider, 2, false, models);
    }

    Registry registry() {
        return Registry.builder().baseUrl(root.toUri()).build();
    }

    /**
     * One model entry: prices in dollars per million tokens, windows in tokens, then extra JSON members such as
     * {@code "supports_vision": false}.
     */
    static String model(String name, double in, double out, int maxIn, int maxOut, String... extra) {
        StringBuilder sb = new StringBuilder("\"PROVIDER:")
                .append(name)
                .append("\":{\"provider\":\"PROVIDER\"")
                .append(",\"model_name\":\"")
                .append(name)
                .append('"')
                .append(",\"dollars_per_million_tokens_input\":")
                .append(in)
                .append(",\"dollars_per_million_tokens_output\":")
                .append(out)
                .append(",\"max_input_tokens\":")
                .append(maxIn)
                .append(",\"max_output_tokens\":")
                .append(maxOut);
        for (String e : extra) sb.append(',').append(e);
        return sb.append('}').toString();
    }
}
