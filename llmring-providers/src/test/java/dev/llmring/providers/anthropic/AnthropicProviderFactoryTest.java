package dev.llmring.providers.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.ChatRequest;
import dev.llmring.spi.ApiKey;
import dev.llmring.spi.HttpCall;
import dev.llmring.spi.ProviderAdapter;
import dev.llmring.spi.ProviderConfig;
import dev.llmring.spi.ProviderFactory;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class AnthropicProviderFactoryTest {
    private static final ChatRequest HELLO =
            ChatRequest.builder("a").user("Hello").build();

    @Test
    void isFoundByServiceLoader() {
        getClass().getModule().addUses(ProviderFactory.class); // the core declares `uses`; this test module does not
        assertTrue(ServiceLoader.load(ProviderFactory.class).stream()
                .anyMatch(p -> p.get().name().equals("anthropic")));
    }

    @Test
    void readsKeyFromAnthropicApiKey() {
        assertEquals(List.of("ANTHROPIC_API_KEY"), new AnthropicProviderFactory().apiKeyEnvironmentVariables());
    }

    @Test
    void postsToMessagesEndpointWithAnthropicHeaders() {
        HttpCall call = Fixtures.adapter().encode(HELLO, Fixtures.MODEL, false);

        assertEquals(URI.create("https://api.anthropic.com/v1/messages"), call.uri());
        assertEquals(
                Map.of(
                        "x-api-key",
                        "test-key-123",
                        "anthropic-version",
                        "2023-06-01",
                        "content-type",
                        "application/json"),
                call.headers());
    }

    @Test
    void honoursBaseUrlOverride() {
        ProviderAdapter adapter = new AnthropicProviderFactory()
                .create(ProviderConfig.builder("anthropic")
                        .apiKey(ApiKey.of("test-key-123"))
                        .baseUrl(URI.create("http://127.0.0.1:8089/proxy/"))
                        .build());

        assertEquals(
                URI.create("http://127.0.0.1:8089/proxy/v1/messages"),
                adapter.encode(HELLO, Fixtures.MODEL, false).uri());
    }

    @Test
    void fallsBackToTheEnvironmentForTheKey() {
        ProviderAdapter adapter = new AnthropicProviderFactory()
                .create(ProviderConfig.builder("anthropic")
                        .environment(v -> v.equals("ANTHROPIC_API_KEY") ? "test-key-456" : null)
                        .build());

        assertEquals(
                "test-key-456",
                adapter.encode(HELLO, Fixtures.MODEL, false).headers().get("x-api-key"));
    }

    @Test
    void setsBetaHeaderFromAdapterOptions() {
        ProviderAdapter adapter = new AnthropicProviderFactory()
                .create(ProviderConfig.builder("anthropic")
                        .apiKey(ApiKey.of("test-key-123"))
                        .options(Map.of("beta", "interleaved-thinking-2025-05-14"))
                        .build());

        assertEquals(
                "interleaved-thinking-2025-05-14",
                adapter.encode(HELLO, Fixtures.MODEL, false).headers().get("anthropic-beta"));
    }

    @Test
    void neverPrintsTheKey() {
        HttpCall call = Fixtures.adapter().encode(HELLO, Fixtures.MODEL, false);

        assertFalse(call.toString().contains("test-key-123"), call.toString());
        assertFalse(Fixtures.adapter().toString().contains("test-key-123"));
    }

    @Test
    void servesUnderTheConfiguredNameAndReadsRequestIdHeader() {
        ProviderAdapter adapter = Fixtures.adapter();

        assertEquals("anthropic", adapter.name());
        assertEquals("request-id", adapter.requestIdHeader());
        assertTrue(adapter.acceptsMediaUrls());
    }
}
