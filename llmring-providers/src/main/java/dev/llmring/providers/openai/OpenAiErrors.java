package dev.llmring.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmring.providers.internal.ErrorText;
import dev.llmring.providers.internal.ProviderJson;
import dev.llmring.spi.ApiKey;
import dev.llmring.spi.ErrorKind;
import dev.llmring.spi.ProviderError;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Classifies OpenAI errors, {@code {"error":{"message","type","param","code"}}}, and the looser shapes of
 * compatible servers ({@code {"error":"…"}}, {@code {"message":"…"}}, {@code {"detail":"…"}}).
 *
 * <p>The code decides before the status: {@code context_length_exceeded} (or a "maximum context length" message,
 * as vLLM words it) is {@link ErrorKind#CONTEXT_WINDOW_EXCEEDED}; {@code model_not_found} is
 * {@link ErrorKind#MODEL_NOT_FOUND}; {@code insufficient_quota} and the billing codes are
 * {@link ErrorKind#AUTHENTICATION} (an account problem: no retry, loud failover). Otherwise the status decides; an
 * error inside a 2xx answer (an SSE frame) is classified by its type, {@link ErrorKind#UNAVAILABLE} when unknown.
 * Messages are cut to a bounded length and scrubbed of anything key-shaped (OpenAI's 401 echoes a masked key).
 */
final class OpenAiErrors {
    private static final int MAX_MESSAGE = 500;
    private static final Set<String> ACCOUNT_CODES =
            Set.of("insufficient_quota", "billing_hard_limit_reached", "billing_not_active", "account_deactivated");
    private static final Pattern KEY_ECHO = Pattern.compile("(?i)(api key provided:\\s*)\\S+");
    private static final Pattern KEY_SHAPED = Pattern.compile("\\b(sk|rk|gsk|xai)[-_][A-Za-z0-9*_\\-]{3,}");
    /** OpenAI's 429 hint: "Please try again in 1.898s" / "in 20ms" / "in 6m0s". */
    private static final String TRY_AGAIN = "try again in ";

    private OpenAiErrors() {}

    /** A failed HTTP exchange. */
    static ProviderError classify(int status, String body, @Nullable ApiKey apiKey) {
        JsonNode root = ProviderJson.tryParse(body); // not JSON: classified by status alone below
        if (root == null || !root.isObject()) {
            ErrorKind kind =
                    status >= 200 && status < 300 ? ErrorKind.MALFORMED_RESPONSE : ProviderError.kindForStatus(status);
            return ProviderError.of(kind, "HTTP " + status + (body.isBlank() ? "" : ": " + clean(body, apiKey)));
        }
        return fromErrorObject(root, status, apiKey);
    }

    /**
     * The error in {@code root} (a body or an SSE frame holding {@code error}).
     *
     * @param status the HTTP status, or 0 for an error inside a streamed answer
     */
    static ProviderError fromErrorObject(JsonNode root, int status, @Nullable ApiKey apiKey) {
        JsonNode error = root.get("error");
        JsonNode details = error != null && error.isObject() ? error : root;
        String message = ProviderJson.text(details, "message");
        if (message == null && error != null && error.isTextual()) message = error.textValue();
        if (message == null) message = ProviderJson.text(root, "detail");
        if (message == null) message = status == 0 ? "error in the streamed answer" : "HTTP " + status;
        String code = ProviderJson.scalar(details, "code");
        String type = ProviderJson.text(details, "type");
        ErrorKind kind = kind(status, code, type, message);
        String providerCode = code != null ? code : type;
        String text = clean(message, apiKey);
        if (kind == ErrorKind.AUTHENTICATION && code != null && ACCOUNT_CODES.contains(code)) {
            text = "account quota or billing problem (" + code + "), not retried: " + text;
        }
        ProviderError result = ProviderError.of(kind, text).withProviderCode(providerCode);
        Duration hint = kind == ErrorKind.RATE_LIMITED ? retryHint(message) : null;
        return hint == null ? result : result.withRetryAfter(hint);
    }

    private static ErrorKind kind(int status, @Nullable String code, @Nullable String type, String message) {
        if ("context_length_exceeded".equals(code)
                || ErrorText.containsAny(
                        ErrorText.lowerPrefix(message),
                        "maximum context length",
                        "context window",
                        "context_length_exceeded")) {
            return ErrorKind.CONTEXT_WINDOW_EXCEEDED;
        }
        if (code != null && ACCOUNT_CODES.contains(code)) return ErrorKind.AUTHENTICATION;
        if ("model_not_found".equals(code)) return ErrorKind.MODEL_NOT_FOUND;
        String label = ((code == null ? "" : code) + " " + (type == null ? "" : type)).toLowerCase(Locale.ROOT);
        boolean overloaded =
                label.contains("overloaded") || message.toLowerCase(Locale.ROOT).contains("overloaded");
        if (status >= 500 && status <= 599 && overloaded) return ErrorKind.OVERLOADED;
        if (status >= 300 || (status > 0 && status < 200)) return ProviderError.kindForStatus(status);
        if (overloaded) return ErrorKind.OVERLOADED;
        if (label.contains("rate_limit") || "tokens".equals(type) || "requests".equals(type)) {
            return ErrorKind.RATE_LIMITED;
        }
        if (label.contains("authentication") || label.contains("permission") || label.contains("invalid_api_key")) {
            return ErrorKind.AUTHENTICATION;
        }
        if (label.contains("invalid_request")) return ErrorKind.INVALID_REQUEST;
        return ErrorKind.UNAVAILABLE;
    }

    /** The provider's message, scrubbed of the key and of key-shaped text, on one line, bounded. */
    static String clean(String message, @Nullable ApiKey apiKey) {
        String text = message;
        if (apiKey != null) text = text.replace(apiKey.reveal(), "<redacted>");
        text = KEY_ECHO.matcher(text).replaceAll("$1<redacted>");
        text = KEY_SHAPED.matcher(text).replaceAll("<redacted>");
        text = text.replaceAll("\\s+", " ").trim();
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "…";
    }

    /**
     * The delay in "try again in 6m0s" and the like, when the message has one: a bounded scan of number-unit pairs
     * ({@code h}, {@code m}, {@code s}, {@code ms}), never a regular expression over the provider's text.
     */
    static @Nullable Duration retryHint(String message) {
        String lowered = ErrorText.lowerPrefix(message);
        int at = lowered.indexOf(TRY_AGAIN);
        if (at < 0) return null;
        int i = at + TRY_AGAIN.length();
        double millis = 0;
        boolean any = false;
        for (int parts = 0; parts < 8; parts++) {
            int start = i;
            while (i < lowered.length() && i - start < 20 && isDigitOrDot(lowered.charAt(i))) i++;
            String number = lowered.substring(start, i);
            double n;
            try {
                n = Double.parseDouble(number);
            } catch (NumberFormatException e) {
                break;
            }
            if (number.startsWith(".") || number.endsWith(".")) break;
            double unit;
            if (lowered.startsWith("ms", i)) {
                unit = 1;
                i += 2;
            } else if (i < lowered.length() && "hms".indexOf(lowered.charAt(i)) >= 0) {
                char c = lowered.charAt(i++);
                unit = c == 'h' ? 3_600_000 : c == 'm' ? 60_000 : 1000;
            } else {
                break;
            }
            millis += n * unit;
            any = true;
        }
        return any ? Duration.ofMillis((long) Math.ceil(millis)) : null;
    }

    private static boolean isDigitOrDot(char c) {
        return (c >= '0' && c <= '9') || c == '.';
    }
}
