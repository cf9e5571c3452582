package dev.llmring.providers.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.llmring.spi.ProviderFailure;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/** The providers' one {@link ObjectMapper} and the few ways the adapters use it. */
public final class ProviderJson {
    /** Refuses trailing tokens, so that two JSON documents glued together are malformed rather than half-read. */
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Reads trees with the root deserializer looked up once, not on every parse. */
    private static final ObjectReader TREES = MAPPER.readerFor(JsonNode.class);

    private ProviderJson() {}

    /**
     * Parses provider output.
     *
     * @param json the text
     * @param what names the text in the failure message, e.g. {@code "Gemini's answer"}
     * @return the JSON tree
     * @throws ProviderFailure of kind malformed response when {@code json} is empty or not JSON
     */
    public static JsonNode parse(String json, String what) {
        JsonNode node;
        try {
            node = TREES.readTree(json);
        } catch (JsonProcessingException e) {
            throw ProviderFailure.malformed(what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || node.isMissingNode()) throw ProviderFailure.malformed(what + " is empty", null);
        return node;
    }

    /**
     * Parses provider output given as UTF-8 bytes (a whole body), without first copying it into a {@code String}.
     * Bytes that are not UTF-8 are malformed output, like any other broken JSON.
     *
     * @param json the body's bytes
     * @param what names the text in the failure message, e.g. {@code "Gemini's answer"}
     * @return the JSON tree
     * @throws ProviderFailure of kind malformed response when {@code json} is empty, not UTF-8 or not JSON
     */
    public static JsonNode parse(byte[] json, String what) {
        JsonNode node;
        try {
            node = TREES.readTree(json);
        } catch (JsonProcessingException e) {
            throw ProviderFailure.malformed(what + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw ProviderFailure.malformed(what + " could not be read: " + e.getMessage(), e);
        }
        if (node == null || node.isMissingNode()) throw ProviderFailure.malformed(what + " is empty", null);
        return node;
    }

    /**
     * Parses provider output that must be a JSON object.
     *
     * @param json the text
     * @param what names the text in the failure message, e.g. {@code "Gemini's answer"}
     * @return the JSON object
     * @throws ProviderFailure of kind malformed response when {@code json} is not a JSON object
     */
    public static JsonNode parseObject(String json, String what) {
        return object(parse(json, what), what);
    }

    /**
     * Parses provider output given as UTF-8 bytes that must be a JSON object.
     *
     * @param json the body's bytes
     * @param what names the text in the failure message, e.g. {@code "Gemini's answer"}
     * @return the JSON object
     * @throws ProviderFailure of kind malformed response when {@code json} is not UTF-8 or not a JSON object
     */
    public static JsonNode parseObject(byte[] json, String what) {
        return object(parse(json, what), what);
    }

    private static JsonNode object(JsonNode node, String what) {
        if (!node.isObject()) throw ProviderFailure.malformed(what + " is not a JSON object", null);
        return node;
    }

    /**
     * Parses text that may or may not be JSON (an error body, a tool's schema).
     *
     * @param text the text
     * @return the JSON tree, or null when the text is not JSON or is empty
     */
    public static @Nullable JsonNode tryParse(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            return node == null || node.isMissingNode() ? null : node;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /**
     * {@code node} as compact JSON text.
     *
     * @param node a JSON tree
     * @return the JSON text
     */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    /**
     * {@code node} as UTF-8 JSON, the body of an {@link dev.llmring.spi.HttpCall}.
     *
     * @param node a JSON tree
     * @return the UTF-8 bytes
     */
    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    /**
     * The text of {@code node.field} when it is a JSON string.
     *
     * @param node a JSON object, or null
     * @param field the member's name
     * @return the string, or null when there is no node, the member is absent or null, or not a string
     */
    public static @Nullable String text(@Nullable JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    /**
     * The text of {@code node.field} when it is a string or a number (error codes come as either).
     *
     * @param node a JSON object, or null
     * @param field the member's name
     * @return the string or the number's text; null otherwise
     */
    public static @Nullable String scalar(@Nullable JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && (value.isTextual() || value.isNumber()) ? value.asText() : null;
    }
}
