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

    /** {@return whether the signature is genuine under a trusted key} */
    public boolean isValid() {
        return failure == null;
    }

    /** {@return why the receipt did not verify; empty when it did} */
    public Optional<VerificationFailure> failure() {
        return Optional.ofNullable(failure);
    }

    /** {@return a human-readable account of the outcome} */
    public String message() {
        return message;
    }

    /** {@return the key the receipt was checked against, once it was known} */
    public Optional<String> keyId() {
        return Optional.ofNullable(keyId);
    }

    /**
     * Throws unless the receipt verified; does nothing when it did.
     *
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
