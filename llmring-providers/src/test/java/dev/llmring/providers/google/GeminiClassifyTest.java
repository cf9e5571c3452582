package dev.llmring.providers.google;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.providers.testsupport.TestResources;
import dev.llmring.spi.ErrorKind;
import dev.llmring.spi.ProviderAdapter;
import dev.llmring.spi.ProviderConfig;
import dev.llmring.spi.ProviderError;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GeminiClassifyTest {
    private static final HttpHeaders NO_HEADERS = HttpHeaders.of(Map.of(), (a, b) -> true);
    private final ProviderAdapter adapter =
            new GoogleProviderFactory().create(ProviderConfig.builder("google").build());

    private ProviderError classify(int status, String fixture) {
        return adapter.classify(status, NO_HEADERS, TestResources.read("google", fixture));
    }

    @Test
    void quotaExhaustedIsRateLimitedWithTheRetryInfoDelay() {
        ProviderError error = classify(429, "error-429-retryinfo.json");

        assertEquals(ErrorKind.RATE_LIMITED, error.kind());
        assertEquals(Duration.ofSeconds(37), error.retryAfter().orElseThrow());
        assertEquals("RESOURCE_EXHAUSTED", error.providerCode().orElseThrow());
    }

    @Test
    void fractionalRetryDelaysAreParsed() {
        assertEquals(Duration.ofMillis(1500), GeminiErrors.parseDuration("1.5s"));
        assertEquals(Duration.ofMillis(250), GeminiErrors.parseDuration("0.250s"));
        assertNull(GeminiErrors.parseDuration("soon"));
    }

    @Test
    void truncatedQuotaBodyStillYieldsRateLimitedWithTheRetryDelay() {
        String full = TestResources.read("google", "error-429-retryinfo.json");
        String truncated = full.substring(0, full.indexOf("\"37s\"") + 6);

        ProviderError error = adapter.classify(429, NO_HEADERS, truncated);
        assertEquals(ErrorKind.RATE_LIMITED, error.kind());
        assertEquals(Duration.ofSeconds(37), error.retryAfter().orElseThrow());
    }

    @Test
    void invalidApiKeyIsAuthenticationDespiteItsStatus400() {
        ProviderError error = classify(400, "error-400-api-key-invalid.json");

        assertEquals(ErrorKind.AUTHENTICATION, error.kind());
        assertEquals("API_KEY_INVALID", error.providerCode().orElseThrow());
    }

    @Test
    void tooManyInputTokensIsContextWindowExceeded() {
        assertEquals(
                ErrorKind.CONTEXT_WINDOW_EXCEEDED,
                classify(400, "error-400-token-limit.json").kind());
    }

    @Test
    void otherInvalidArgumentIsInvalidRequest() {
        ProviderError error = classify(400, "error-400-invalid-argument.json");

        assertEquals(ErrorKind.INVALID_REQUEST, error.kind());
        assertTrue(error.message().contains("response_schema"), error.message());
    }

    @Test
    void permissionDeniedIsAuthentication() {
        assertEquals(
                ErrorKind.AUTHENTICATION,
                classify(403, "error-403-permission-denied.json").kind());
    }

    @Test
    void notFoundIsModelNotFound() {
        assertEquals(
                ErrorKind.MODEL_NOT_FOUND, classify(404, "error-404-model.json").kind());
    }

    @Test
    void unavailableAndInternalAreUnavailable() {
        assertEquals(
                ErrorKind.UNAVAILABLE,
                classify(503, "error-503-unavailable.json").kind());
        assertEquals(
                ErrorKind.UNAVAILABLE, classify(500, "error-500-internal.json").kind());
    }

    @Test
    void errorArrayServedAs200EventStreamIsClassifiedByItsContent() {
        ProviderError error = classify(200, "error-stream-array-429.json");

        assertEquals(ErrorKind.RATE_LIMITED, error.kind());
        assertEquals(Duration.ofMillis(1500), error.retryAfter().orElseThrow());
    }

    @Test
    void plainErrorObjectServedAs200IsClassifiedByItsContent() {
        assertEquals(
                ErrorKind.RATE_LIMITED,
                classify(200, "error-429-retryinfo.json").kind());
    }

    @Test
    void bodyThatIsNotAnErrorEnvelopeFallsBackToTheStatus() {
        assertEquals(
                ErrorKind.UNAVAILABLE,
                adapter.classify(502, NO_HEADERS, "<html>Bad Gateway</html>").kind());
        assertEquals(
                ErrorKind.RATE_LIMITED, adapter.classify(429, NO_HEADERS, "").kind());
    }

    @Test
    void messageCarriesGooglesStatusAndMessageOnOneLine() {
        ProviderError error = classify(400, "error-400-invalid-argument.json");

        assertTrue(error.message().startsWith("Gemini INVALID_ARGUMENT: "), error.message());
        assertTrue(!error.message().contains("\n"), error.message());
    }
}
