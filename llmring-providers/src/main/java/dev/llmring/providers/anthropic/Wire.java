package dev.llmring.providers.anthropic;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/** The adapter's JSON plumbing. */
final class Wire {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Wire() {}

    /** {@code node.field} as text, or {@code null} when absent, null or not textual. */
    static @Nullable String text(@Nullable JsonNode node, String field) {
        if (node == null) return null;
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    /** {@code {"type": "ephemeral"}}. */
    static ObjectNode ephemeral() {
        return MAPPER.createObjectNode().put("type", "ephemeral");
    }
}
