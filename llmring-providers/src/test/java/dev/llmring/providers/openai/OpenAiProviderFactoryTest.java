package dev.llmring.providers.openai;

import static dev.llmring.providers.openai.OpenAiFixtures.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.ChatRequest;
import dev.llmring.spi.ApiKey;
import dev.llmring.spi.HttpCall;
import dev.llmring.spi.ProviderAdapter;
import dev.llmring.spi.ProviderFactory;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpenAiProviderFactoryTest {
    private static final ChatRequest HELLO =
            ChatRequest.builder("greeter").user("Say hello.").build();

    private static URI endpointOf(ProviderAdapter adapter) {
        return adapter.encode(HELLO, "some-model", false).uri();
    }

    @Test
    void isFoundByServiceLoader() {
        Module module = OpenAiProviderFactoryTest.class.getModule();
        if (module.isNamed()) module.addUses(ProviderFactory.class);

        List<String> names = ServiceLoader.load(ProviderFactory.class).stream()
                .map(p -> p.get().name())
                .toList();

        assertTrue(names.contains("openai"), names.toString());
    }

    @Test
    void namesTheOpenAiKeyVariable() {
        assertEquals(List.of("OPENAI_API_KEY"), new OpenAiProviderFactory().apiKeyEnvironmentVariables());
    }

    @Test
    void defaultsToTheOpenAiBaseUrl() {
        ProviderAdapter adapter =
                new OpenAiProviderFactory().create(config("openai", Map.of()).build());

        assertEquals(URI.create("https://api.openai.com/v1/chat/completions"), endpointOf(adapter));
    }

    @Test
    void readsTheBaseUrlFromOpenAiBaseUrl() {
        ProviderAdapter adapter = new OpenAiProviderFactory()
                .create(config("openai", Map.of("OPENAI_BASE_URL", "http://127.0.0.1:8089/v1/"))
                        .build());

        assertEquals(URI.create("http://127.0.0.1:8089/v1/chat/completions"), endpointOf(adapter));
    }

    @Test
    void configuredBaseUrlWinsOverTheEnvironment() {
        ProviderAdapter adapter = new OpenAiProviderFactory()
                .create(config("openai", Map.of("OPENAI_BASE_URL", "http://127.0.0.1:8089/v1"))
                        .baseUrl(URI.create("https://gateway.example.com/openai/v1?api-version=2024-10-21"))
                        .build());

        assertEquals(
                URI.create("https://gateway.example.com/openai/v1/chat/completions?api-version=2024-10-21"),
                endpointOf(adapter));
    }

    @Test
    void rejectsAMalformedBaseUrlNamingTheVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new OpenAiProviderFactory()
                .create(config("openai", Map.of("OPENAI_BASE_URL", "localhost:8080"))
                        .build()));

        assertTrue(e.getMessage().contains("OPENAI_BASE_URL"), e.getMessage());
    }

    @Test
    void compatibleServerServesUnderItsOwnNameWithItsOwnBaseUrlVariable() {
        ProviderAdapter adapter = new OpenAiProviderFactory()
                .create(config(
                                "groq",
                                Map.of(
                                        "GROQ_BASE_URL",
                                        "https://api.groq.com/openai/v1",
                                        "OPENAI_BASE_URL",
                                        "http://127.0.0.1:1/v1"))
                        .build());

        assertEquals("groq", adapter.name());
        assertEquals(URI.create("https://api.groq.com/openai/v1/chat/completions"), endpointOf(adapter));
    }

    @Test
    void compatibleServerWithoutBaseUrlIsRefusedSayingWhatWasTried() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new OpenAiProviderFactory()
                .create(config("groq", Map.of()).build()));

        assertTrue(e.getMessage().contains("GROQ_BASE_URL"), e.getMessage());
    }

    @Test
    void compatibleServerTakesProviderOptionsUnderItsOwnName() {
        ProviderAdapter adapter = new OpenAiProviderFactory()
                .create(config("groq", Map.of())
                        .baseUrl(URI.create("https://api.groq.com/openai/v1"))
                        .build());
        ChatRequest request = HELLO.toBuilder()
                .providerOptions("groq", Map.of("service_tier", "flex"))
                .providerOptions("openai", Map.of("store", true))
                .build();

        String body = new String(
                adapter.encode(request, "llama-3.3-70b-versatile", false).body());
        assertTrue(body.contains("\"service_tier\":\"flex\""), body);
        assertFalse(body.contains("store"), body);
    }

    @Test
    void sendsNoAuthorizationWithoutAKey() {
        HttpCall call = new OpenAiProviderFactory()
                .create(config("local", Map.of())
                        .baseUrl(URI.create("http://127.0.0.1:1234/v1"))
                        .build())
                .encode(HELLO, "qwen2.5-7b-instruct", false);

        assertFalse(call.headers().containsKey("Authorization"));
    }

    @Test
    void sendsOrganizationAndProjectHeaders() {
        HttpCall call = new OpenAiProviderFactory()
                .create(config("openai", Map.of("OPENAI_ORG_ID", "org-test-1"))
                        .apiKey(ApiKey.of(OpenAiFixtures.TEST_KEY))
                        .options(Map.of("project", "proj_test_2"))
                        .build())
                .encode(HELLO, "gpt-4o", false);

        assertEquals("org-test-1", call.headers().get("OpenAI-Organization"));
        assertEquals("proj_test_2", call.headers().get("OpenAI-Project"));
    }

    @Test
    void acceptsMediaUrlsAndNamesTheRequestIdHeader() {
        ProviderAdapter adapter =
                new OpenAiProviderFactory().create(config("openai", Map.of()).build());

        assertTrue(adapter.acceptsMediaUrls());
        assertEquals("x-request-id", adapter.requestIdHeader());
    }

    @Test
    void downloadsImageUrlsButNeedsDocumentsAsBytes() {
        ProviderAdapter adapter =
                new OpenAiProviderFactory().create(config("openai", Map.of()).build());

        assertTrue(adapter.acceptsMediaUrl(dev.llmring.ContentPart.imageUrl(URI.create("https://example.com/a.png"))));
        assertFalse(adapter.acceptsMediaUrl(dev.llmring.ContentPart.pdfUrl(URI.create("https://example.com/a.pdf"))));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "o1",
                "o1-mini",
                "o3",
                "o3-mini-2025-01-31",
                "o4-mini",
                "gpt-5",
                "gpt-5-mini",
                "gpt-5.1",
                "ft:o4-mini-2025-04-16:acme::AbC123",
                "openai/o3-mini",
                "o10-preview"
            })
    void recognisesReasoningModels(String model) {
        assertTrue(OpenAiRequestEncoder.isReasoningModel(model));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "gpt-4o",
                "gpt-4o-mini",
                "gpt-4.1",
                "gpt-3.5-turbo",
                "omni-moderation-latest",
                "llama-3.1-8b-instant",
                "ft:gpt-4o-mini-2024-07-18:acme::x1",
                "o",
                "o0",
                "o1x",
                "ft:",
                "gpt-4"
            })
    void treatsOtherModelsAsChatModels(String model) {
        assertFalse(OpenAiRequestEncoder.isReasoningModel(model));
    }
}
