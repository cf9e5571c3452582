package dev.llmring.providers.anthropic;

import static dev.llmring.providers.anthropic.Fixtures.body;
import static dev.llmring.providers.anthropic.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmring.ChatRequest;
import dev.llmring.InvalidRequestException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    @ParameterizedTest
    @ValueSource(strings = {"model", "messages", "system", "tools", "tool_choice", "stream"})
    void refusesProviderOptionNamingAFieldTheAdapterOwns(String key) {
        ChatRequest request = ChatRequest.builder("a")
                .user("Hi")
                .providerOptions("anthropic", Map.of(key, "injected"))
                .build();

        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> body(request));
        assertTrue(e.getMessage().contains("'" + key + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("anthropic"), e.getMessage());
    }

    @Test
    void refusesProviderOptionThatConflictsWithARequestSetting() {
        ChatRequest request = ChatRequest.builder("a")
                .user("Hi")
                .temperature(0.5)
                .providerOptions("anthropic", Map.of("temperature", 1.0))
                .build();

        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> body(request));
        assertTrue(e.getMessage().contains("'temperature'"), e.getMessage());
    }

    @Test
    void refusesMaxTokensOptionWhenTheRequestSetsAnOutputLimit() {
        ChatRequest request = ChatRequest.builder("a")
                .user("Hi")
                .maxOutputTokens(100)
                .providerOptions("anthropic", Map.of("max_tokens", 32000))
                .build();

        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> body(request));
        assertTrue(e.getMessage().contains("'max_tokens'"), e.getMessage());
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
        assertEquals(
                10000 + RequestEncoder.DEFAULT_MAX_TOKENS,
                body.get("max_tokens").asInt());
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
