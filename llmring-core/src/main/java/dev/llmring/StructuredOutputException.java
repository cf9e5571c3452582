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

    @SuppressWarnings("serial") // an immutable List.copyOf, serializable in practice (JDK 21+ lints the type)
    private final List<String> violations;

    public StructuredOutputException(String message, ErrorDetails details, @Nullable Throwable cause) {
        super(message, details, cause);
        this.violations = List.of();
    }

    public StructuredOutputException(String message, ErrorDetails details) {
        this(message, details, (Throwable) null);
    }

    /**
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
     */
    public List<String> violations() {
        return violations;
    }
}
