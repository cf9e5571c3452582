package dev.llmring.providers.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Recorded-shape fixtures under {@code src/test/resources/<provider>/}, and JSON trees to compare bodies with. */
public final class TestResources {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TestResources() {}

    /** The text of fixture {@code <provider>/<name>}; fails loudly when it is missing. */
    public static String read(String provider, String name) {
        String path = "/" + provider + "/" + name;
        try (InputStream in = TestResources.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("no fixture " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code json} as a tree (for order-insensitive comparison of bodies). */
    public static JsonNode json(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** UTF-8 {@code json} as a tree. */
    public static JsonNode json(byte[] json) {
        return json(new String(json, StandardCharsets.UTF_8));
    }
}
