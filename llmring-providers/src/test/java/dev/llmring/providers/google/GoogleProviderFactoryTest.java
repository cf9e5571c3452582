package dev.llmring.providers.google;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.ChatRequest;
import dev.llmring.spi.ApiKey;
import dev.llmring.spi.ProviderAdapter;
import dev.llmring.spi.ProviderConfig;
import dev.llmring.spi.ProviderFactory;
import dev.llmring.spi.WireFormat;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class GoogleProviderFactoryTest {
    private final GoogleProviderFactory factory = new GoogleProviderFactory();

    @Test
    void isNamedGoogleAndReadsGeminiKeyBeforeGoogleKeyBeforeLlmRingsGoogleGeminiKey() {
        assertEquals("google", factory.name());
        assertEquals(
                List.of("GEMINI_API_KEY", "GOOGLE_API_KEY", "GOOGLE_GEMINI_API_KEY"),
                factory.apiKeyEnvironmentVariables());
    }

    @Test
    void adapterNeedsAKeyStreamsSseAndLetsTheCoreFetchMedia() {
        ProviderAdapter adapter =
                factory.create(ProviderConfig.builder("google").build());

        assertEquals("google", adapter.name());
        assertTrue(adapter.requiresApiKey());
        assertEquals(WireFormat.SSE, adapter.streamFormat());
        assertFalse(adapter.acceptsMediaUrls());
    }

    @Test
    void configuredBaseUrlReplacesTheDefault() {
        ProviderAdapter adapter = factory.create(ProviderConfig.builder("google")
                .baseUrl(URI.create("http://127.0.0.1:8089/v1beta/"))
                .build());

        assertEquals(
                URI.create("http://127.0.0.1:8089/v1beta/models/gemini-2.0-flash:generateContent"),
                adapter.encode(ChatRequest.builder("m").user("Hi").build(), "gemini-2.0-flash", false)
                        .uri());
    }

    @Test
    void adapterToStringNeverShowsTheKey() {
        ProviderAdapter adapter = factory.create(ProviderConfig.builder("google")
                .apiKey(ApiKey.of("test-key-123"))
                .build());

        assertFalse(adapter.toString().contains("test-key-123"));
    }

    @Test
    void isRegisteredInTheModuleDescriptor() {
        Module module = GoogleProviderFactory.class.getModule();

        assertTrue(module.isNamed(), "tests run on the module path");
        assertTrue(module.getDescriptor().provides().stream()
                .anyMatch(p -> p.service().equals(ProviderFactory.class.getName())
                        && p.providers().contains(GoogleProviderFactory.class.getName())));
    }

    @Test
    void isRegisteredInMetaInfServices() throws IOException {
        StringBuilder all = new StringBuilder();
        for (URL url : Collections.list(GoogleProviderFactory.class
                .getClassLoader()
                .getResources("META-INF/services/" + ProviderFactory.class.getName()))) {
            try (InputStream in = url.openStream()) {
                all.append(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .append('\n');
            }
        }

        assertTrue(all.toString().lines().map(String::trim).anyMatch(GoogleProviderFactory.class.getName()::equals));
    }
}
