package dev.llmring.receipts;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of checking one receipt: valid, or not with a {@link VerificationFailure} and a message that says
 * what exactly.
 */
public final class VerificationResult {
    private final @Nullable VerificationFailure failure;
    private final String message;
    private final @Nullable String keyId;

    private VerificationResult(@Nullable VerificationFailure failure, String message, @Nullable String keyId) {
        this.failure = failure;
        this.message = message;
        this.keyId = keyId;
    }

    static VerificationResult valid(String keyId) {
        return new VerificationResult(null, "valid signature by key " + keyId, keyId);
    }

    static VerificationResult invalid(VerificationFailure failure, String message, @Nullable String keyId) {
        return new VerificationResult(Objects.requireNonNull(failure, "failure"), message, keyId);
    }

    public boolean isValid() {
        return failure == null;
    }

    /** Why the receipt did not verify; empty when it did. */
    public Optional<VerificationFailure> failure() {
        return Optional.ofNullable(failure);
    }

    /** A human-readable account of the outcome. */
    public String message() {
        return message;
    }

    /** The key the receipt was checked against, once it was known. */
    public Optional<String> keyId() {
        return Optional.ofNullable(keyId);
    }

    /**
     * @throws ReceiptVerificationException carrying the failure, unless the result is valid
     */
    public void orThrow() {
        if (failure != null) {
            throw new ReceiptVerificationException(failure, message);
        }
    }

    @Override
    public String toString() {
        return failure == null
                ? "VerificationResult[valid, key " + keyId + "]"
                : "VerificationResult[" + failure + ": " + message + "]";
    }
}
