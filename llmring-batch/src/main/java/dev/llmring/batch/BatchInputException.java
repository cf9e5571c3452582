package dev.llmring.batch;

import dev.llmring.ErrorDetails;
import dev.llmring.LlmRingException;
import java.util.List;

/**
 * The input cannot be run as it is, found before anything is sent: {@code custom_id}s that repeat (each with both
 * line numbers), or lines whose request changed since the journal recorded them done (without {@code force}). The
 * message lists the first problems; {@link #problems()} has them all (up to a thousand).
 */
public class BatchInputException extends LlmRingException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    /**
     * An input refused before anything was sent.
     *
     * @param message what is wrong, naming the first problems
     * @param problems one line each, e.g. {@code custom_id 'a' on lines 3 and 9} (copied)
     */
    public BatchInputException(String message, List<String> problems) {
        super(message, ErrorDetails.none());
        this.problems = List.copyOf(problems);
    }

    /**
     * One line per problem, naming the lines at fault.
     *
     * @return the problems, one line each, at most a thousand
     */
    public List<String> problems() {
        return problems;
    }
}
