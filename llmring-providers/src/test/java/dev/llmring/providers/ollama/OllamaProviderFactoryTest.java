package dev.llmring.providers.ollama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.Map;
import org.junit.jupiter.api.Test;

class OllamaProviderFactoryTest {
    private final OllamaProviderFactory factory = new OllamaProviderFactory();

    private OllamaAdapter adapter(Map<String, String> env) {
        return (OllamaAdapter) factory.create(
                ProviderConfig.builder("ollama").environment(env::get).build());
    }

    @Test
    void isNamedOllamaAndNeedsNoKey() {
        assertEquals("ollama", factory.name());
        assertEquals(List.of(), factory.apiKeyEnvironmentVariables());
        assertFalse(adapter(Map.of()).requiresApiKey());
    }

    @Test
    void streamsNdjsonAndLetsTheCoreFetchMedia() {
        assertEquals(WireFormat.NDJSON, adapter(Map.of()).streamFormat());
        assertFalse(adapter(Map.of()).acceptsMediaUrls());
    }

    @Test
    void defaultsToLocalhost11434() {
        assertEquals(
                URI.create("http://localhost:11434/api/chat"), adapter(Map.of()).endpoint());
    }

    @Test
    void ollamaHostWithoutSchemeMeansHttp() {
        assertEquals(
                URI.create("http://gpu-box:8080/api/chat"),
                adapter(Map.of("OLLAMA_HOST", "gpu-box:8080")).endpoint());
    }

    @Test
    void ollamaHostWithoutPortMeansPort11434() {
        assertEquals(
                URI.create("http://10.0.0.5:11434/api/chat"),
                adapter(Map.of("OLLAMA_HOST", "10.0.0.5")).endpoint());
    }

    @Test
    void ollamaHostUrlKeepsSchemeDefaultPortAndPath() {
        assertEquals(
                URI.create("https://llm.example.com:443/ollama/api/chat"),
                adapter(Map.of("OLLAMA_HOST", "https://llm.example.com/ollama/"))
                        .endpoint());
    }

    @Test
    void ollamaBaseUrlAsLlmRingReadsItWinsOverOllamaHost() {
        assertEquals(
                URI.create("http://gpu-box:11434/api/chat"),
                adapter(Map.of("OLLAMA_BASE_URL", "http://gpu-box:11434", "OLLAMA_HOST", "elsewhere"))
                        .endpoint());
    }

    @Test
    void anUnusableOllamaBaseUrlNamesThatVariable() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> adapter(Map.of("OLLAMA_BASE_URL", "ftp://box")));

        assertTrue(e.getMessage().startsWith("OLLAMA_BASE_URL 'ftp://box'"), e::getMessage);
    }

    @Test
    void ollamaHostBindAddressMeansLoopback() {
        assertEquals(URI.create("http://127.0.0.1:11434"), OllamaHost.parse("0.0.0.0"));
        assertEquals(URI.create("http://[::1]:11434"), OllamaHost.parse("[::]:11434"));
    }

    @Test
    void ollamaHostQuotedAsInAShellLineLosesItsQuotes() {
        assertEquals(URI.create("http://gpu-box:8080"), OllamaHost.parse("\"'gpu-box:8080'\""));
    }

    @Test
    void ollamaHostOfManyQuotesIsRefusedAfterOneLinearStrip() {
        assertThrows(IllegalArgumentException.class, () -> OllamaHost.parse("\"".repeat(100_000) + "x:99999"));
    }

    @Test
    void configuredBaseUrlWinsOverOllamaHost() {
        OllamaAdapter adapter = (OllamaAdapter) factory.create(ProviderConfig.builder("ollama")
                .baseUrl(URI.create("http://127.0.0.1:9999"))
                .environment(Map.of("OLLAMA_HOST", "elsewhere")::get)
                .build());

        assertEquals(URI.create("http://127.0.0.1:9999/api/chat"), adapter.endpoint());
    }

    @Test
    void unusableOllamaHostIsRefusedNamingIt() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> adapter(Map.of("OLLAMA_HOST", "ftp://box")));
        assertTrue(e.getMessage().contains("ftp://box"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> adapter(Map.of("OLLAMA_HOST", "box:99999")));
    }

    @Test
    void isRegisteredInTheModuleDescriptor() {
        Module module = OllamaProviderFactory.class.getModule();

        assertTrue(module.isNamed(), "tests run on the module path");
        assertTrue(module.getDescriptor().provides().stream()
                .anyMatch(p -> p.service().equals(ProviderFactory.class.getName())
                        && p.providers().contains(OllamaProviderFactory.class.getName())));
    }

    @Test
    void isRegisteredInMetaInfServices() throws IOException {
        StringBuilder all = new StringBuilder();
        for (URL url : Collections.list(OllamaProviderFactory.class
                .getClassLoader()
                .getResources("META-INF/services/" + ProviderFactory.class.getName()))) {
            try (InputStream in = url.openStream()) {
                all.append(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .append('\n');
            }
        }

        assertTrue(all.toString().lines().map(String::trim).anyMatch(OllamaProviderFactory.class.getName()::equals));
    }
}
