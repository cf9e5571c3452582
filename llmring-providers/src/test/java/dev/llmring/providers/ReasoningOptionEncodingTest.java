package dev.llmring.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmring.ChatRequest;
import dev.llmring.InvalidRequestException;
import dev.llmring.Reasoning;
import dev.llmring.providers.anthropic.AnthropicProviderFactory;
import dev.llmring.providers.google.GoogleProviderFactory;
import dev.llmring.providers.openai.OpenAiProviderFactory;
import dev.llmring.providers.testsupport.TestResources;
import dev.llmring.spi.ApiKey;
import dev.llmring.spi.ProviderConfig;
import dev.llmring.spi.ProviderFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ChatRequest.Builder#reasoning} as each provider's own field. */
class ReasoningOptionEncodingTest {

    private static JsonNode body(ProviderFactory factory, String model, ChatRequest request) {
        ProviderConfig config = ProviderConfig.builder(factory.name())
                .apiKey(ApiKey.of("test-key"))
                .environment(v -> null)
                .build();
        return TestResources.json(
                factory.create(config).encode(request, model, false).body());
    }

    private static ChatRequest request(Reasoning reasoning) {
        return ChatRequest.builder("a")
                .user("Why is the sky blue?")
                .reasoning(reasoning)
                .build();
    }

    @Test
    void openAiGetsReasoningEffort() {
        JsonNode body = body(new OpenAiProviderFactory(), "o4-mini", request(Reasoning.effort(Reasoning.Effort.LOW)));
        assertEquals("low", body.path("reasoning_effort").asText());
    }

    @Test
    void anthropicGetsThinkingWithABudgetAndRoomForTheAnswer() {
        JsonNode body = body(new AnthropicProviderFactory(), "claude-sonnet-4-5", request(Reasoning.budget(10_000)));
        assertEquals(TestResources.json("{\"type\":\"enabled\",\"budget_tokens\":10000}"), body.path("thinking"));
        assertEquals(10_000 + 4096, body.path("max_tokens").asInt());
    }

    @Test
    void anthropicRefusesAThinkingOptionBesidesTheReasoningSetting() {
        ChatRequest r = request(Reasoning.budget(2048)).toBuilder()
                .providerOptions("anthropic", Map.of("thinking", Map.of("type", "disabled")))
                .build();
        assertThrows(InvalidRequestException.class, () -> body(new AnthropicProviderFactory(), "claude-sonnet-4-5", r));
    }

    @Test
    void gemini3GetsAThinkingLevel() {
        JsonNode body = body(
                new GoogleProviderFactory(),
                "gemini-3-pro-preview",
                request(Reasoning.effort(Reasoning.Effort.MEDIUM)));
        assertEquals(
                TestResources.json("{\"thinkingLevel\":\"high\"}"),
                body.path("generationConfig").path("thinkingConfig"));
    }

    @Test
    void gemini25GetsAThinkingBudget() {
        JsonNode body =
                body(new GoogleProviderFactory(), "gemini-2.5-flash", request(Reasoning.effort(Reasoning.Effort.LOW)));
        assertEquals(
                TestResources.json("{\"thinkingBudget\":2048}"),
                body.path("generationConfig").path("thinkingConfig"));
    }
}
