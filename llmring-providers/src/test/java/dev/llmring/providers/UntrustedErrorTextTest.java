package dev.llmring.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.providers.google.GoogleProviderFactory;
import dev.llmring.providers.ollama.OllamaProviderFactory;
import dev.llmring.providers.openai.OpenAiProviderFactory;
import dev.llmring.spi.ErrorKind;
import dev.llmring.spi.ProviderAdapter;
import dev.llmring.spi.ProviderConfig;
import dev.llmring.spi.ProviderError;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Error bodies with huge, cut or pathological messages are classified by what they say, and classification finishes
 * (issue 11 §2: the classifiers used regular expressions that recursed once per character or backtracked
 * quadratically). No wall time is asserted: a 10 MB input that finishes at all, with the right kind, is the check.
 */
class UntrustedErrorTextTest {
    private static final HttpHeaders NO_HEADERS = HttpHeaders.of(Map.of(), (a, b) -> true);
    private static final int MB = 1024 * 1024;

    private final ProviderAdapter gemini = new GoogleProviderFactory()
            .create(ProviderConfig.builder("google").environment(v -> null).build());
    private final ProviderAdapter ollama = new OllamaProviderFactory()
            .create(ProviderConfig.builder("ollama").environment(v -> null).build());
    private final ProviderAdapter openAi = new OpenAiProviderFactory()
            .create(ProviderConfig.builder("openai").environment(v -> null).build());

    private static String geminiError(int code, String message, String status) {
        return "{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\",\"status\":\"" + status + "\"}}";
    }

    @Test
    void geminiMegabyteTokenLimitMessageIsContextWindowExceeded() {
        String message =
                "The input token count (1214726) exceeds the maximum number of tokens allowed. " + "x".repeat(MB);

        ProviderError error = gemini.classify(400, NO_HEADERS, geminiError(400, message, "INVALID_ARGUMENT"));

        assertEquals(ErrorKind.CONTEXT_WINDOW_EXCEEDED, error.kind());
        assertTrue(error.message().length() < 1000, "message is cut");
    }

    @Test
    void geminiBodyCutInsideALongMessageIsClassifiedByItsCode() {
        String body = geminiError(429, "Quota exceeded. " + "a".repeat(MB), "RESOURCE_EXHAUSTED");
        String cut = body.substring(0, body.length() / 2);

        ProviderError error = gemini.classify(503, NO_HEADERS, cut);

        assertEquals(ErrorKind.RATE_LIMITED, error.kind());
        assertTrue(error.message().contains("Quota exceeded"), error.message());
    }

    @Test
    void geminiBodyCutInsideAnEscapeHeavyMessageFinishes() {
        String cut = "{\"error\":{\"code\":400,\"message\":\"The input token count exceeds it "
                + "\\\"\\\\\\n".repeat(2 * MB);

        ProviderError error = gemini.classify(400, NO_HEADERS, cut);

        assertEquals(ErrorKind.CONTEXT_WINDOW_EXCEEDED, error.kind());
    }

    @Test
    void geminiTenMegabyteMessageOfTokenWordsFinishes() {
        String message = "input token count ".repeat(10 * MB / 18);

        ProviderError error = gemini.classify(400, NO_HEADERS, geminiError(400, message, "INVALID_ARGUMENT"));

        assertEquals(ErrorKind.INVALID_REQUEST, error.kind());
    }

    @Test
    void geminiRetryDelayThatIsNotADurationIsIgnored() {
        String body = "{\"error\":{\"code\":429,\"status\":\"RESOURCE_EXHAUSTED\",\"details\":[{\"@type\":"
                + "\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"" + "1".repeat(MB) + "s\"}]}}";

        ProviderError error = gemini.classify(429, NO_HEADERS, body);

        assertEquals(ErrorKind.RATE_LIMITED, error.kind());
        assertTrue(error.retryAfter().isEmpty());
    }

    @Test
    void ollamaModelNotFoundFollowedByAMegabyteIsModelNotFound() {
        String body = "{\"error\":\"model 'llama9' not found, try pulling it first " + "z".repeat(MB) + "\"}";

        assertEquals(
                ErrorKind.MODEL_NOT_FOUND,
                ollama.classify(404, NO_HEADERS, body).kind());
    }

    @Test
    void ollamaTenMegabytesOfModelWordsWithoutNotFoundFinishes() {
        String body = "{\"error\":\"" + "model ".repeat(10 * MB / 6) + "\"}";

        assertEquals(
                ErrorKind.UNAVAILABLE, ollama.classify(500, NO_HEADERS, body).kind());
    }

    @Test
    void ollamaWordsMustBeWholeWords() {
        String body = "{\"error\":\"remodel of the file: cannot found\"}";

        assertEquals(
                ErrorKind.INVALID_REQUEST,
                ollama.classify(400, NO_HEADERS, body).kind());
    }

    @Test
    void ollamaContextMessageInAMegabyteIsContextWindowExceeded() {
        String body = "{\"error\":\"input exceeds the context length " + "y".repeat(MB) + "\"}";

        assertEquals(
                ErrorKind.CONTEXT_WINDOW_EXCEEDED,
                ollama.classify(400, NO_HEADERS, body).kind());
    }

    @Test
    void openAiTryAgainWithAMegabyteOfDurationPartsFinishesWithABoundedHint() {
        String body = "{\"error\":{\"message\":\"Rate limit reached. Please try again in " + "1s".repeat(MB / 2)
                + ".\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}";

        ProviderError error = openAi.classify(429, NO_HEADERS, body);

        assertEquals(ErrorKind.RATE_LIMITED, error.kind());
        assertTrue(error.retryAfter().orElseThrow().compareTo(Duration.ofSeconds(10)) <= 0);
    }

    @Test
    void openAiTryAgainHintIsReadFromTheMessage() {
        String body = "{\"error\":{\"message\":\"Rate limit reached. Please try again in 6m0.5s. Visit ...\","
                + "\"type\":\"tokens\",\"code\":\"rate_limit_exceeded\"}}";

        assertEquals(
                Duration.ofMillis(360_500),
                openAi.classify(429, NO_HEADERS, body).retryAfter().orElseThrow());
    }

    @Test
    void openAiContextMessageInAMegabyteIsContextWindowExceeded() {
        String body = "{\"error\":{\"message\":\"This model's maximum context length is 128000 tokens. "
                + "w".repeat(MB) + "\",\"type\":\"invalid_request_error\"}}";

        assertEquals(
                ErrorKind.CONTEXT_WINDOW_EXCEEDED,
                openAi.classify(400, NO_HEADERS, body).kind());
    }
}
