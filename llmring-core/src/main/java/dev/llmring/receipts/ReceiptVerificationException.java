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

    private final VerificationFailure reason;

    public ReceiptVerificationException(VerificationFailure reason, String message, @Nullable Throwable cause) {
        super(message, ErrorDetails.none(), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public ReceiptVerificationException(VerificationFailure reason, String message) {
        this(reason, message, null);
    }

    /** The machine-readable reason. */
    public VerificationFailure reason() {
        return reason;
    }

    /** Only {@link VerificationFailure#KEYS_UNAVAILABLE} may go away by trying again (the server may come back). */
    @Override
    public boolean isRetryable() {
        return reason == VerificationFailure.KEYS_UNAVAILABLE;
    }
}
