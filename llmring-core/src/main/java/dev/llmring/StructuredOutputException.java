package dev.llmring;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The model's answer did not parse or did not validate against the requested schema. Never passed on silently:
 * {@link #violations()} lists every problem found.
 */
public class StructuredOutputException extends LlmRingException {
    private static final long serialVersionUID = 1L;

    /**
     * Every problem found, as {@code <JSON pointer>: <what is wrong>}; empty when the error carries only its message.
     */
    @SuppressWarnings("serial") // an immutable List.copyOf, serializable in practice (JDK 21+ lints the type)
    private final List<String> violations;

    /**
     * Creates the exception without violations, with its cause.
     *
     * @param message what went wrong, in words; never quotes the answer's values
     * @param details the binding that produced the answer
     * @param cause the underlying failure (e.g. the JSON parser's), or {@code null}
     */
    public StructuredOutputException(String message, ErrorDetails details, @Nullable Throwable cause) {
        super(message, details, cause);
        this.violations = List.of();
    }

    /**
     * Creates the exception without violations and without a cause.
     *
     * @param message what went wrong, in words; never quotes the answer's values
     * @param details the binding that produced the answer
     */
    public StructuredOutputException(String message, ErrorDetails details) {
        this(message, details, (Throwable) null);
    }

    /**
     * Creates the exception listing every problem found.
     *
     * @param message the summary, in words; never quotes the answer's values
     * @param details the binding that produced the answer
     * @param violations each problem as {@code <JSON pointer>: <what is wrong>}, e.g.
     *     {@code /items/0/price: expected number, got string}; the pointer of the root is {@code (root)}
     */
    public StructuredOutputException(String message, ErrorDetails details, List<String> violations) {
        super(message, details, null);
        this.violations = List.copyOf(Objects.requireNonNull(violations, "violations"));
    }

    /**
     * Every problem found, as {@code <JSON pointer>: <what is wrong>} (the document's values are never quoted);
     * empty when the error carries only its message.
     *
     * @return the violations, unmodifiable
     */
    public List<String> violations() {
        return violations;
    }
}
