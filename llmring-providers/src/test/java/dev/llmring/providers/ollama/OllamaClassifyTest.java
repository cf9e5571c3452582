package dev.llmring.providers.ollama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.providers.testsupport.TestResources;
import dev.llmring.spi.ErrorKind;
import dev.llmring.spi.ProviderAdapter;
import dev.llmring.spi.ProviderConfig;
import dev.llmring.spi.ProviderError;
import java.net.http.HttpHeaders;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OllamaClassifyTest {
    private static final HttpHeaders NO_HEADERS = HttpHeaders.of(Map.of(), (a, b) -> true);
    private final ProviderAdapter adapter = new OllamaProviderFactory()
            .create(ProviderConfig.builder("ollama").environment(v -> null).build());

    private ProviderError classify(int status, String fixture) {
        return adapter.classify(status, NO_HEADERS, TestResources.read("ollama", fixture));
    }

    @Test
    void missingModelIs404ModelNotFound() {
        ProviderError error = classify(404, "error-404-model.json");

        assertEquals(ErrorKind.MODEL_NOT_FOUND, error.kind());
        assertTrue(error.message().contains("llama9"), error.message());
    }

    @Test
    void olderQuotedMissingModelMessageIsModelNotFound() {
        assertEquals(
                ErrorKind.MODEL_NOT_FOUND,
                classify(404, "error-404-model-quoted.json").kind());
    }

    @Test
    void missingModelInA200BodyIsModelNotFound() {
        assertEquals(
                ErrorKind.MODEL_NOT_FOUND, classify(200, "error-404-model.json").kind());
    }

    @Test
    void badRequestIsInvalidRequest() {
        assertEquals(ErrorKind.INVALID_REQUEST, classify(400, "error-400.json").kind());
    }

    @Test
    void serverFailureIsUnavailable() {
        assertEquals(ErrorKind.UNAVAILABLE, classify(500, "error-500.json").kind());
    }

    @Test
    void bodyThatIsNotAnErrorFallsBackToTheStatus() {
        assertEquals(
                ErrorKind.UNAVAILABLE,
                adapter.classify(502, NO_HEADERS, "Bad Gateway").kind());
    }
}
