package dev.llmring.batch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmring.ChatRequest;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One provider's batch API as {@link ProviderMode} uses it: requests are encoded from the line, submitted as one job,
 * polled, and the job's result lines decoded into OpenAI-shaped outcomes.
 */
interface BatchApi {
    /**
     * A job's state: {@code status} as the provider spells it; {@code retryable} when unanswered lines may be sent
     * again; {@code resultSources} the files or URLs holding results, {@code inline} results carried in the state
     * itself (in request order); {@code counts} the provider's request counts by its own names.
     */
    record State(
            String status,
            boolean terminal,
            boolean retryable,
            List<String> resultSources,
            List<JsonNode> inline,
            Map<String, Long> counts) {
        State(
                String status,
                boolean terminal,
                boolean retryable,
                List<String> resultSources,
                Map<String, Long> counts) {
            this(status, terminal, retryable, resultSources, List.of(), counts);
        }
    }

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

    /**
     * The request for one line as the provider's batch input expects it (one JSON value).
     *
     * @throws BatchInputException when the line uses something this mode cannot send to the provider
     */
    String request(String customId, ChatRequest request, JsonNode openAiBody, String model);

    /** Submits the requests for {@code model} as one job; returns the job id. */
    String submit(String model, List<String> requests, long bytes);

    State state(String jobId);

    /** Reads one of the job's result sources (a file id or a URL) line by line. */
    void results(String source, Consumer<JsonNode> each);

    /** Asks the provider to cancel the job (answers it finished stay readable). */
    void cancel(String jobId);

    Outcome outcome(JsonNode resultLine);
}
