package dev.llmring.providers.google;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmring.providers.internal.ProviderJson;
import dev.llmring.spi.ErrorKind;
import dev.llmring.spi.ProviderError;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
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
 */
final class GeminiErrors {
    private static final int MAX_MESSAGE = 500;
    private static final Pattern TOKEN_LIMIT =
            Pattern.compile("(?is).*(input token count.*exceeds|exceeds the maximum number of tokens|too many tokens"
                    + "|context (window|length)|token limit).*");
    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*(\\d{3})\\b");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");
    private static final Pattern MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern RETRY_DELAY = Pattern.compile("\"retryDelay\"\\s*:\\s*\"([0-9.]+s)\"");
    private static final Pattern REASON = Pattern.compile("\"reason\"\\s*:\\s*\"([A-Z_]+)\"");
    private static final Pattern DURATION = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)s\\s*");

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
        var error = ProviderJson.MAPPER.createObjectNode();
        find(CODE, body).ifPresent(c -> error.put("code", Integer.parseInt(c)));
        find(STATUS, body).ifPresent(st -> error.put("status", st));
        find(MESSAGE, body)
                .ifPresent(m -> error.put("message", m.replace("\\\"", "\"").replace("\\n", " ")));
        var details = error.putArray("details");
        find(RETRY_DELAY, body).ifPresent(d -> details.addObject()
                .put("@type", "type.googleapis.com/google.rpc.RetryInfo")
                .put("retryDelay", d));
        find(REASON, body).ifPresent(r -> details.addObject()
                .put("@type", "type.googleapis.com/google.rpc.ErrorInfo")
                .put("reason", r));
        return error.has("code") || error.has("status") ? error : null;
    }

    private static Optional<String> find(Pattern p, String text) {
        var m = p.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
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
                TOKEN_LIMIT.matcher(message).matches() ? ErrorKind.CONTEXT_WINDOW_EXCEEDED : ErrorKind.INVALID_REQUEST;
            case "UNAUTHENTICATED", "PERMISSION_DENIED", "FAILED_PRECONDITION" -> ErrorKind.AUTHENTICATION;
            case "NOT_FOUND" -> ErrorKind.MODEL_NOT_FOUND;
            case "UNAVAILABLE", "INTERNAL", "DEADLINE_EXCEEDED", "ABORTED", "UNKNOWN" -> ErrorKind.UNAVAILABLE;
            default ->
                status == 400 && TOKEN_LIMIT.matcher(message).matches()
                        ? ErrorKind.CONTEXT_WINDOW_EXCEEDED
                        : ProviderError.kindForStatus(status);
        };
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
        var m = DURATION.matcher(text);
        if (!m.matches()) return null;
        BigDecimal seconds = new BigDecimal(m.group(1));
        if (seconds.compareTo(BigDecimal.valueOf(86_400L * 365)) > 0) return null;
        return Duration.ofNanos(seconds.movePointRight(9).longValue());
    }

    private static String truncate(String message) {
        String oneLine = message.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= MAX_MESSAGE ? oneLine : oneLine.substring(0, MAX_MESSAGE) + "…";
    }
}
