package dev.llmring.providers.google;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmring.providers.internal.ErrorText;
import dev.llmring.providers.internal.ProviderJson;
import dev.llmring.spi.ErrorKind;
import dev.llmring.spi.ProviderError;
import java.math.BigDecimal;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Reads Google's error envelope,
 * {@code {"error":{"code":429,"message":…,"status":"RESOURCE_EXHAUSTED","details":[…]}}},
 * also when it comes wrapped in a JSON array (the streaming endpoint does that) or with a 200 status.
 *
 * <p>The canonical {@code status} string decides the kind; the HTTP status (or {@code error.code}) is the fallback.
 * Two refinements: a 400 {@code API_KEY_INVALID} is {@link ErrorKind#AUTHENTICATION}, and an {@code INVALID_ARGUMENT}
 * whose message says the input has too many tokens is {@link ErrorKind#CONTEXT_WINDOW_EXCEEDED}.
 * {@code FAILED_PRECONDITION} (Gemini's answer for "user location is not supported" or "enable billing") is an
 * account problem of this provider, so it is {@link ErrorKind#AUTHENTICATION} too: another binding may serve.
 * No regular expression reads the provider's text: phrases are found by bounded scans ({@link ErrorText}), fields of
 * a cut body by {@link LenientFields}.
 */
final class GeminiErrors {
    private static final int MAX_MESSAGE = 500;

    private GeminiErrors() {}

    /** Classifies a failed exchange from its status and (possibly truncated) body. */
    static ProviderError classify(int status, String body) {
        JsonNode error = errorNode(ProviderJson.tryParse(body));
        if (error == null) error = lenient(body);
        if (error == null) {
            String detail = status >= 200 && status < 300 ? "unexpected body" : "HTTP " + status;
            return ProviderError.of(ProviderError.kindForStatus(status), "Gemini: " + detail);
        }
        return fromError(error, status);
    }

    /**
     * The core may hand over a body truncated to a few KiB, which no longer parses: the fields that matter are then
     * picked out of the text, so that a long 429 still yields its retry delay.
     */
    private static @Nullable JsonNode lenient(String body) {
        if (!body.contains("\"error\"")) return null;
        var error = ProviderJson.mapper().createObjectNode();
        String code = LenientFields.digits(body, "code", 3);
        if (code != null) error.put("code", Integer.parseInt(code));
        String status = constant(LenientFields.string(body, "status"));
        if (status != null) error.put("status", status);
        String message = LenientFields.string(body, "message");
        if (message != null) error.put("message", message);
        var details = error.putArray("details");
        String delay = LenientFields.string(body, "retryDelay");
        if (delay != null) {
            details.addObject()
                    .put("@type", "type.googleapis.com/google.rpc.RetryInfo")
                    .put("retryDelay", delay);
        }
        String reason = constant(LenientFields.string(body, "reason"));
        if (reason != null) {
            details.addObject()
                    .put("@type", "type.googleapis.com/google.rpc.ErrorInfo")
                    .put("reason", reason);
        }
        return error.has("code") || error.has("status") ? error : null;
    }

    /** {@code value} when it is a canonical constant such as {@code RESOURCE_EXHAUSTED}, else null. */
    private static @Nullable String constant(@Nullable String value) {
        if (value == null || value.isEmpty() || value.length() > 64) return null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= 'A' && c <= 'Z') && c != '_') return null;
        }
        return value;
    }

    /** The {@code error} object of an envelope or of the first element of an array of envelopes, if any. */
    static @Nullable JsonNode errorNode(@Nullable JsonNode body) {
        if (body == null) return null;
        JsonNode envelope = body.isArray() && !body.isEmpty() ? body.get(0) : body;
        JsonNode error = envelope.get("error");
        return error != null && error.isObject() ? error : null;
    }

    /** Classifies an {@code error} object; {@code httpStatus} is used only when the object has no code. */
    static ProviderError fromError(JsonNode error, int httpStatus) {
        int code = error.path("code").asInt(0);
        int status = code >= 400 ? code : httpStatus;
        String canonical = error.path("status").asText("");
        String message = error.path("message").asText("");
        String reason = errorInfoReason(error.path("details"));
        ErrorKind kind = kind(canonical, status, message, reason);
        String text = "Gemini " + (canonical.isEmpty() ? "HTTP " + status : canonical)
                + (message.isEmpty() ? "" : ": " + truncate(message));
        String providerCode = reason != null ? reason : canonical.isEmpty() ? null : canonical;
        return ProviderError.of(kind, text)
                .withProviderCode(providerCode)
                .withRetryAfter(retryDelay(error.path("details")));
    }

    private static ErrorKind kind(String canonical, int status, String message, @Nullable String reason) {
        if ("API_KEY_INVALID".equals(reason)) return ErrorKind.AUTHENTICATION;
        return switch (canonical) {
            case "RESOURCE_EXHAUSTED" -> ErrorKind.RATE_LIMITED;
            case "INVALID_ARGUMENT", "OUT_OF_RANGE" ->
                isTokenLimit(message) ? ErrorKind.CONTEXT_WINDOW_EXCEEDED : ErrorKind.INVALID_REQUEST;
            case "UNAUTHENTICATED", "PERMISSION_DENIED", "FAILED_PRECONDITION" -> ErrorKind.AUTHENTICATION;
            case "NOT_FOUND" -> ErrorKind.MODEL_NOT_FOUND;
            case "UNAVAILABLE", "INTERNAL", "DEADLINE_EXCEEDED", "ABORTED", "UNKNOWN" -> ErrorKind.UNAVAILABLE;
            default ->
                status == 400 && isTokenLimit(message)
                        ? ErrorKind.CONTEXT_WINDOW_EXCEEDED
                        : ProviderError.kindForStatus(status);
        };
    }

    /** Whether the message says the input has too many tokens. */
    private static boolean isTokenLimit(String message) {
        String lowered = ErrorText.lowerPrefix(message);
        int count = lowered.indexOf("input token count");
        return (count >= 0 && lowered.indexOf("exceeds", count) >= 0)
                || ErrorText.containsAny(
                        lowered,
                        "exceeds the maximum number of tokens",
                        "too many tokens",
                        "context window",
                        "context length",
                        "token limit");
    }

    private static @Nullable String errorInfoReason(JsonNode details) {
        for (JsonNode d : details) {
            if (d.path("@type").asText("").endsWith("google.rpc.ErrorInfo") && d.hasNonNull("reason")) {
                return d.get("reason").asText();
            }
        }
        return null;
    }

    private static @Nullable Duration retryDelay(JsonNode details) {
        for (JsonNode d : details) {
            if (d.path("@type").asText("").endsWith("google.rpc.RetryInfo")) {
                Duration delay = parseDuration(d.path("retryDelay").asText(""));
                if (delay != null) return delay;
            }
        }
        return null;
    }

    /** Parses a protobuf JSON duration such as {@code 37s} or {@code 1.5s}; null when it is not one. */
    static @Nullable Duration parseDuration(String text) {
        String t = text.strip();
        if (t.length() < 2 || t.length() > 32 || !t.endsWith("s")) return null;
        String number = t.substring(0, t.length() - 1);
        int dot = number.indexOf('.');
        if (dot == 0 || dot == number.length() - 1 || number.indexOf('.', dot + 1) >= 0) return null;
        for (int i = 0; i < number.length(); i++) {
            if (i != dot && (number.charAt(i) < '0' || number.charAt(i) > '9')) return null;
        }
        BigDecimal seconds = new BigDecimal(number);
        if (seconds.compareTo(BigDecimal.valueOf(86_400L * 365)) > 0) return null;
        return Duration.ofNanos(seconds.movePointRight(9).longValue());
    }

    private static String truncate(String message) {
        return ErrorText.oneLine(message, MAX_MESSAGE);
    }
}
