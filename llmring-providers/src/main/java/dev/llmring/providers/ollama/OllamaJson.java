package dev.llmring.providers.ollama;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmring.spi.ProviderFailure;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/** The package's one {@link ObjectMapper} and the few ways it is used. */
final class OllamaJson {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private OllamaJson() {}

    /** Parses provider output; malformed JSON is a {@link ProviderFailure} of kind malformed response. */
    static JsonNode parseAnswer(byte[] json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw ProviderFailure.malformed("Ollama sent an empty body", null);
            }
            return node;
        } catch (IOException e) {
            throw ProviderFailure.malformed("Ollama sent malformed JSON: " + e.getClass().getSimpleName(), e);
        }
    }

    /** Parses text that may or may not be JSON; null when it is not. */
    static @Nullable JsonNode tryParse(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            return node == null || node.isMissingNode() ? null : node;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }
}
