package dev.llmring.providers.openai;

import static dev.llmring.providers.openai.OpenAiFixtures.adapter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.spi.ErrorKind;
import dev.llmring.spi.ProviderError;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiErrorClassificationTest {
    private static final HttpHeaders NO_HEADERS = HttpHeaders.of(Map.of(), (a, b) -> true);

    private static ProviderError classify(int status, String fixtureOrBody) {
        String body = fixtureOrBody.endsWith(".json") ? OpenAiFixtures.text(fixtureOrBody) : fixtureOrBody;
        return adapter().classify(status, NO_HEADERS, body);
    }

    @Test
    void badKeyIsAuthenticationAndTheEchoedKeyIsRedacted() {
        ProviderError error = classify(401, "error-401.json");

        assertEquals(ErrorKind.AUTHENTICATION, error.kind());
        assertEquals("invalid_api_key", error.providerCode().orElseThrow());
        assertFalse(error.message().contains(OpenAiFixtures.TEST_KEY), error.message());
        assertTrue(error.message().startsWith("Incorrect API key provided: <redacted>"), error.message());
    }

    @Test
    void forbiddenIsAuthentication() {
        ProviderError error = classify(
                403,
                "{\"error\":{\"message\":\"Country, region, or territory not supported\","
                        + "\"type\":\"request_forbidden\",\"param\":null,\"code\":\"unsupported_country_region_territory\"}}");

        assertEquals(ErrorKind.AUTHENTICATION, error.kind());
    }

    @Test
    void unknownModelIsModelNotFound() {
        ProviderError error = classify(404, "error-404-model.json");

        assertEquals(ErrorKind.MODEL_NOT_FOUND, error.kind());
        assertEquals("model_not_found", error.providerCode().orElseThrow());
        assertTrue(error.message().contains("gpt-9-turbo"));
    }

    @Test
    void notFoundWithoutJsonBodyIsModelNotFound() {
        assertEquals(
                ErrorKind.MODEL_NOT_FOUND, classify(404, "404 page not found").kind());
    }

    @Test
    void contextLengthExceededIsContextWindowExceeded() {
        ProviderError error = classify(400, "error-400-context.json");

        assertEquals(ErrorKind.CONTEXT_WINDOW_EXCEEDED, error.kind());
        assertEquals("context_length_exceeded", error.providerCode().orElseThrow());
    }

    @Test
    void compatibleServerContextOverflowMessageIsContextWindowExceeded() {
        ProviderError error = classify(
                400,
                "{\"object\":\"error\",\"message\":\"This model's maximum context length is "
                        + "8192 tokens. However, you requested 9000 tokens (8000 in the messages, 1000 in the completion). "
                        + "Please reduce the length of the messages or completion.\",\"type\":\"BadRequestError\","
                        + "\"param\":null,\"code\":400}");

        assertEquals(ErrorKind.CONTEXT_WINDOW_EXCEEDED, error.kind());
    }

    @Test
    void otherBadRequestIsInvalidRequestWithItsCode() {
        ProviderError error = classify(400, "error-400-invalid.json");

        assertEquals(ErrorKind.INVALID_REQUEST, error.kind());
        assertEquals("unsupported_parameter", error.providerCode().orElseThrow());
    }

    @Test
    void rateLimitIsRateLimitedWithTheDelayTheMessageSuggests() {
        ProviderError error = classify(429, "error-429-rate.json");

        assertEquals(ErrorKind.RATE_LIMITED, error.kind());
        assertEquals("rate_limit_exceeded", error.providerCode().orElseThrow());
        assertEquals(Duration.ofMillis(1654), error.retryAfter().orElseThrow());
    }

    @Test
    void exhaustedQuotaIsAnAccountProblemNotARateLimit() {
        ProviderError error = classify(429, "error-429-quota.json");

        assertEquals(ErrorKind.AUTHENTICATION, error.kind());
        assertEquals("insufficient_quota", error.providerCode().orElseThrow());
        assertTrue(error.message().contains("not retried"), error.message());
    }

    @Test
    void serverErrorIsUnavailable() {
        ProviderError error = classify(500, "error-500.json");

        assertEquals(ErrorKind.UNAVAILABLE, error.kind());
        assertEquals("server_error", error.providerCode().orElseThrow());
    }

    @Test
    void overloadedEngineIsOverloaded() {
        ProviderError error = classify(
                503,
                "{\"error\":{\"message\":\"The engine is currently overloaded, please try "
                        + "again later.\",\"type\":\"server_error\",\"param\":null,\"code\":null}}");

        assertEquals(ErrorKind.OVERLOADED, error.kind());
    }

    @Test
    void htmlGatewayErrorIsUnavailableWithABoundedMessage() {
        ProviderError error = classify(502, "<html>\n<head><title>502 Bad Gateway</title></head>\n" + "x".repeat(5000));

        assertEquals(ErrorKind.UNAVAILABLE, error.kind());
        assertTrue(
                error.message().length() < 600,
                "message length " + error.message().length());
        assertFalse(error.message().contains("\n"));
    }

    @Test
    void errorBodyOnA2xxStreamIsClassifiedByItsType() {
        ProviderError error = classify(
                200,
                "{\"error\":{\"message\":\"Invalid value for 'stream_options'.\","
                        + "\"type\":\"invalid_request_error\",\"param\":\"stream_options\",\"code\":null}}");

        assertEquals(ErrorKind.INVALID_REQUEST, error.kind());
    }

    @Test
    void stringErrorOfCompatibleServersIsUnderstood() {
        ProviderError error = classify(401, "{\"error\":\"Invalid API Key\"}");

        assertEquals(ErrorKind.AUTHENTICATION, error.kind());
        assertEquals("Invalid API Key", error.message());
    }

    @ParameterizedTest
    @CsvSource({
        "'Please try again in 1.898s.', 1898",
        "'Please try again in 20ms.', 20",
        "'Please try again in 6m0s.', 360000",
        "'Please try again in 1h2m3.5s.', 3723500"
    })
    void readsTheRetryHintOfRateLimitMessages(String message, long millis) {
        assertEquals(Duration.ofMillis(millis), OpenAiErrors.retryHint(message));
    }

    @Test
    void keyShapedTextIsScrubbedFromMessages() {
        String message = OpenAiErrors.clean("key rk-test_abc123 was rejected; so was test-key-123", null);

        assertEquals("key <redacted> was rejected; so was test-key-123", message);
        assertEquals(
                "so was <redacted>",
                OpenAiErrors.clean("so was test-key-123", dev.llmring.spi.ApiKey.of(OpenAiFixtures.TEST_KEY)));
    }
}
