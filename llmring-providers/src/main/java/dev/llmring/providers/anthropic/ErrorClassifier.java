package dev.llmring.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmring.providers.internal.ProviderJson;
import dev.llmring.spi.ErrorKind;
import dev.llmring.spi.ProviderError;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Maps Anthropic error bodies, {@code {"type":"error","error":{"type":…,"message":…}}}, to {@link ProviderError}s.
 * The error type decides; the status decides only when the type is unknown, except that 529 is always overloaded.
 */
final class ErrorClassifier {
    private static final int MAX_MESSAGE = 300;

    private ErrorClassifier() {}

    /** Classifies a failed HTTP exchange. */
    static ProviderError classify(int status, String body) {
        JsonNode root = ProviderJson.tryParse(body); // null for a proxy's HTML page or a truncated body
        JsonNode error = root != null && root.path("error").isObject() ? root.get("error") : null;
        return fromError(error, status);
    }

    /**
     * Classifies an {@code error} object, from an error body or a mid-stream {@code error} event.
     *
     * @param status the HTTP status, or 0 for an error inside a 2xx answer
     */
    static ProviderError fromError(@Nullable JsonNode error, int status) {
        String type = ProviderJson.text(error, "type");
        String message = ProviderJson.text(error, "message");
        ErrorKind kind = status == 529 ? ErrorKind.OVERLOADED : kind(type, message, status);
        String text = message == null || message.isBlank()
                ? (status == 0 ? "error event" : "HTTP " + status) + (type == null ? "" : " " + type)
                : shorten(message);
        return ProviderError.of(kind, text).withProviderCode(type);
    }

    private static ErrorKind kind(@Nullable String type, @Nullable String message, int status) {
        if (type == null) return fallback(status);
        return switch (type) {
            case "invalid_request_error" ->
                isContextOverflow(message) ? ErrorKind.CONTEXT_WINDOW_EXCEEDED : ErrorKind.INVALID_REQUEST;
            case "request_too_large" -> ErrorKind.INVALID_REQUEST;
            case "authentication_error", "permission_error", "billing_error" -> ErrorKind.AUTHENTICATION;
            case "not_found_error" -> ErrorKind.MODEL_NOT_FOUND;
            case "rate_limit_error" -> ErrorKind.RATE_LIMITED;
            case "overloaded_error" -> ErrorKind.OVERLOADED;
            case "api_error", "timeout_error" -> ErrorKind.UNAVAILABLE;
            default -> fallback(status);
        };
    }

    private static ErrorKind fallback(int status) {
        return status == 0 ? ErrorKind.UNAVAILABLE : ProviderError.kindForStatus(status);
    }

    /** "prompt is too long: 210000 tokens > 200000 maximum", "input length and `max_tokens` exceed context limit". */
    private static boolean isContextOverflow(@Nullable String message) {
        if (message == null) return false;
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("prompt is too long") || m.contains("exceed context limit") || m.contains("context window");
    }

    private static String shorten(String message) {
        String m = message.strip();
        return m.length() <= MAX_MESSAGE ? m : m.substring(0, MAX_MESSAGE) + "…";
    }
}
