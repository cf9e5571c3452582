package dev.llmring.providers.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmring.providers.internal.ErrorText;
import dev.llmring.providers.internal.ProviderJson;
import dev.llmring.spi.ErrorKind;
import dev.llmring.spi.ProviderError;
import org.jspecify.annotations.Nullable;

/**
 * Reads Ollama's error body, {@code {"error":"…"}}, from a failed response or an NDJSON line. A message saying a
 * model was not found ({@code model "x" not found, try pulling it first}) is {@link ErrorKind#MODEL_NOT_FOUND}
 * whatever the status; one about the context length is {@link ErrorKind#CONTEXT_WINDOW_EXCEEDED}; other errors
 * inside a 2xx answer mean the server failed to serve ({@link ErrorKind#UNAVAILABLE}); otherwise the status decides.
 * The phrases are looked for with bounded scans ({@link ErrorText}), never a regular expression.
 */
final class OllamaErrors {
    private static final int MAX_MESSAGE = 500;

    private OllamaErrors() {}

    static ProviderError classify(int status, String body) {
        String message = errorMessage(ProviderJson.tryParse(body));
        if (message == null) {
            String detail = status >= 200 && status < 300 ? "unexpected body" : "HTTP " + status;
            return ProviderError.of(ProviderError.kindForStatus(status), "Ollama: " + detail);
        }
        return fromMessage(message, status);
    }

    /** The text of an {@code {"error": …}} object, or null when {@code node} is not one. */
    static @Nullable String errorMessage(@Nullable JsonNode node) {
        if (node == null || !node.isObject() || !node.hasNonNull("error")) return null;
        JsonNode error = node.get("error");
        return error.isTextual() ? error.asText() : error.path("message").asText(error.toString());
    }

    /** Classifies an error message; {@code status} is 0 for an error line inside a stream. */
    static ProviderError fromMessage(String message, int status) {
        String lowered = ErrorText.lowerPrefix(message);
        ErrorKind kind;
        if (ErrorText.wordsInOrder(lowered, "model", "not found")) kind = ErrorKind.MODEL_NOT_FOUND;
        else if (ErrorText.containsAny(lowered, "context length", "context window", "context size")
                && (status == 0 || status == 400 || status == 200)) {
            kind = ErrorKind.CONTEXT_WINDOW_EXCEEDED;
        } else if (status == 0 || (status >= 200 && status < 300)) kind = ErrorKind.UNAVAILABLE;
        else kind = ProviderError.kindForStatus(status);
        String oneLine = ErrorText.oneLine(message, MAX_MESSAGE);
        return ProviderError.of(kind, "Ollama" + (status >= 300 ? " HTTP " + status : "") + ": " + oneLine);
    }
}
