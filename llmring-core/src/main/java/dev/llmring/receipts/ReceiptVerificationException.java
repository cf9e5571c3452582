package dev.llmring.receipts;

import dev.llmring.ErrorDetails;
import dev.llmring.LlmRingException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A receipt did not verify, could not be parsed, or could not be checked. {@link #reason()} says which; the message
 * says what exactly, and never contains key material or the API key.
 */
public class ReceiptVerificationException extends LlmRingException {
    private static final long serialVersionUID = 1L;

    /** Why verification failed. */
    private final VerificationFailure reason;

    /**
     * Creates the exception.
     *
     * @param reason why verification failed
     * @param message what exactly failed, for a person; no key material, no API key
     * @param cause the underlying failure, or {@code null}
     */
    public ReceiptVerificationException(VerificationFailure reason, String message, @Nullable Throwable cause) {
        super(message, ErrorDetails.none(), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * Creates the exception without a cause.
     *
     * @param reason why verification failed
     * @param message what exactly failed, for a person; no key material, no API key
     */
    public ReceiptVerificationException(VerificationFailure reason, String message) {
        this(reason, message, null);
    }

    /** {@return the machine-readable reason} */
    public VerificationFailure reason() {
        return reason;
    }

    /** Only {@link VerificationFailure#KEYS_UNAVAILABLE} may go away by trying again (the server may come back). */
    @Override
    public boolean isRetryable() {
        return reason == VerificationFailure.KEYS_UNAVAILABLE;
    }
}
