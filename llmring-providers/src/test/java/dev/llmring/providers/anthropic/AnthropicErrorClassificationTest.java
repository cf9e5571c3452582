package dev.llmring.providers.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.llmring.spi.ErrorKind;
import dev.llmring.spi.ProviderError;
import java.net.http.HttpHeaders;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnthropicErrorClassificationTest {

    private static ProviderError classify(int status, String type, String message) {
        String body = "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message
                + "\"},\"request_id\":\"req_011CSHoEeqs5C35K2UUqR7Fy\"}";
        return Fixtures.adapter().classify(status, HttpHeaders.of(Map.of(), (a, b) -> true), body);
    }

    @Test
    void classifiesInvalidRequest() {
        ProviderError error = classify(400, "invalid_request_error", "max_tokens: Field required");

        assertEquals(ErrorKind.INVALID_REQUEST, error.kind());
        assertEquals("invalid_request_error", error.providerCode().orElseThrow());
        assertEquals("max_tokens: Field required", error.message());
    }

    @Test
    void classifiesPromptTooLongAsContextWindowExceeded() {
        assertEquals(
                ErrorKind.CONTEXT_WINDOW_EXCEEDED,
                classify(400, "invalid_request_error", "prompt is too long: 210145 tokens > 200000 maximum")
                        .kind());
    }

    @Test
    void classifiesAuthenticationError() {
        assertEquals(
                ErrorKind.AUTHENTICATION,
                classify(401, "authentication_error", "invalid x-api-key").kind());
    }

    @Test
    void classifiesPermissionErrorAsAuthentication() {
        assertEquals(
                ErrorKind.AUTHENTICATION,
                classify(
                                403,
                                "permission_error",
                                "Your API key does not have permission to use the specified resource.")
                        .kind());
    }

    @Test
    void classifiesNotFoundAsModelNotFound() {
        assertEquals(
                ErrorKind.MODEL_NOT_FOUND,
                classify(404, "not_found_error", "model: claude-nope").kind());
    }

    @Test
    void classifiesRateLimit() {
        assertEquals(
                ErrorKind.RATE_LIMITED,
                classify(
                                429,
                                "rate_limit_error",
                                "Number of request tokens has exceeded" + " your per-minute rate limit")
                        .kind());
    }

    @Test
    void classifiesOverloadedError() {
        assertEquals(
                ErrorKind.OVERLOADED,
                classify(529, "overloaded_error", "Overloaded").kind());
    }

    @Test
    void classifiesStatus529AsOverloadedWhateverTheBody() {
        ProviderError error = Fixtures.adapter().classify(529, HttpHeaders.of(Map.of(), (a, b) -> true), "");

        assertEquals(ErrorKind.OVERLOADED, error.kind());
    }

    @Test
    void classifiesApiErrorAsUnavailable() {
        assertEquals(
                ErrorKind.UNAVAILABLE,
                classify(500, "api_error", "Internal server error").kind());
    }

    @Test
    void fallsBackToStatusForNonJsonBody() {
        ProviderError error = Fixtures.adapter()
                .classify(502, HttpHeaders.of(Map.of(), (a, b) -> true), "<html><body>502 Bad Gateway</body></html>");

        assertEquals(ErrorKind.UNAVAILABLE, error.kind());
        assertFalse(error.message().contains("html"), error.message());
    }

    @Test
    void fallsBackToStatusForUnknownErrorType() {
        assertEquals(
                ErrorKind.RATE_LIMITED,
                classify(429, "brand_new_error", "slow down").kind());
    }
}
