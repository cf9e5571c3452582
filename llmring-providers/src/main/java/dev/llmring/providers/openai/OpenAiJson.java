package dev.llmring.providers.openai;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jspecify.annotations.Nullable;

/** The adapter's one {@link ObjectMapper} and the few tree helpers it needs. */
final class OpenAiJson {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private OpenAiJson() {}

    /** The text of {@code node.field} when it is a JSON string, else {@code null} (absent, null, or not a string). */
    static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    /** The text of {@code node.field} when it is a string or a number (error codes come as either), else null. */
    static @Nullable String scalar(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && (value.isTextual() || value.isNumber()) ? value.asText() : null;
    }
}
