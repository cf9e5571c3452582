package dev.llmring.batch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One provider's batch API as {@link ProviderMode} uses it: requests are encoded from the line's OpenAI-shaped body,
 * submitted as one job, polled, and the job's result lines decoded into OpenAI-shaped outcomes.
 */
interface BatchApi {
    /** A job's state: {@code status} as the provider spells it; {@code retryable} when unanswered lines may be sent again. */
    record State(String status, boolean terminal, boolean retryable, List<String> resultSources) {}

    /**
     * A decoded result line. {@code completion} (an OpenAI {@code chat.completion}) when it succeeded; else {@code
     * errorType} and {@code message}; {@code missing} when the line was not run (expired, cancelled) and may be sent
     * again.
     */
    record Outcome(
            @Nullable String customId,
            @Nullable JsonNode completion,
            boolean missing,
            String errorType,
            String message,
            int status) {}

    int maxRequests();

    long maxBytes();

    /** The request for one line as the provider's batch input expects it (one JSON value). */
    String request(String customId, JsonNode openAiBody, String model);

    /** Submits the requests as one job; returns the job id. */
    String submit(List<String> requests, long bytes);

    State state(String jobId);

    /** The text of one of the job's result sources (a file id or a URL). */
    String results(String source);

    Outcome outcome(JsonNode resultLine);
}
