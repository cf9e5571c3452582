package dev.llmring.providers.anthropic;

import static dev.llmring.providers.anthropic.Fixtures.body;
import static dev.llmring.providers.anthropic.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmring.ChatRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnthropicProviderOptionsTest {

    @Test
    void mergesProviderOptionsAsTopLevelFields() {
        ChatRequest request = ChatRequest.builder("a")
                .user("Hi")
                .providerOptions("anthropic", Map.of("top_k", 5, "metadata", Map.of("user_id", "u-42")))
                .build();

        assertEquals(5, body(request).get("top_k").asInt());
        assertEquals(json("{\"user_id\": \"u-42\"}"), body(request).get("metadata"));
    }

    @Test
    void neverLetsProviderOptionsReplaceOwnedFields() {
        ChatRequest request = ChatRequest.builder("a")
                .user("Hi")
                .providerOptions("anthropic", Map.of(
                        "model", "claude-other",
                        "messages", List.of(),
                        "system", "injected",
                        "tools", List.of(),
                        "tool_choice", Map.of("type", "any"),
                        "stream", true))
                .build();

        JsonNode body = body(request);
        assertEquals(Fixtures.MODEL, body.get("model").asText());
        assertEquals(1, body.get("messages").size());
        assertFalse(body.has("system"));
        assertFalse(body.has("tools"));
        assertFalse(body.has("tool_choice"));
        assertFalse(body.has("stream"));
    }

    @Test
    void ignoresOptionsOfOtherProviders() {
        ChatRequest request = ChatRequest.builder("a")
                .user("Hi")
                .providerOptions("openai", Map.of("logprobs", true))
                .build();

        assertFalse(body(request).has("logprobs"));
    }

    @Test
    void passesThinkingThroughAndMakesRoomForItInDefaultMaxTokens() {
        ChatRequest request = ChatRequest.builder("a")
                .user("Hi")
                .providerOptions("anthropic", Map.of("thinking", Map.of("type", "enabled", "budget_tokens", 10000)))
                .build();

        JsonNode body = body(request);
        assertEquals(json("{\"type\": \"enabled\", \"budget_tokens\": 10000}"), body.get("thinking"));
        assertEquals(10000 + RequestEncoder.DEFAULT_MAX_TOKENS, body.get("max_tokens").asInt());
    }

    @Test
    void letsProviderOptionsSetMaxTokens() {
        ChatRequest request = ChatRequest.builder("a")
                .user("Hi")
                .providerOptions("anthropic", Map.of("max_tokens", 32000))
                .build();

        assertEquals(32000, body(request).get("max_tokens").asInt());
    }
}
