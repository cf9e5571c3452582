package dev.llmring;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Routing found no binding it could call: every entry of the pool was skipped (no credentials, not allowed by policy,
 * breaker open, cannot serve the request). The message lists each binding and why it was skipped; {@link #trace()}
 * carries the same as data. (When bindings were tried and all failed, the caller gets the last failure's own typed
 * exception instead, with the earlier failures as suppressed exceptions and in its trace.)
 */
public class NoUsableBindingException extends LlmRingException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> reasons;

    /**
     * Creates the exception.
     *
     * @param message the summary, listing each binding and why it was skipped
     * @param reasons one line per binding, {@code provider:model: why}; copied
     * @param cause the last typed failure behind a skip, or {@code null}; its details become this exception's
     */
    public NoUsableBindingException(String message, List<String> reasons, @Nullable Throwable cause) {
        super(message, cause instanceof LlmRingException e ? e.details() : ErrorDetails.none(), cause);
        this.reasons = List.copyOf(reasons);
    }

    /** {@return one line per binding: {@code provider:model: why}} */
    public List<String> reasons() {
        return reasons;
    }
}
