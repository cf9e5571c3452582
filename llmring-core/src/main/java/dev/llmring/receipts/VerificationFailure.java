package dev.llmring.receipts;

/**
 * Why a receipt did not verify, or why it could not be checked at all. A machine-readable reason code carried by
 * {@link VerificationResult} and {@link ReceiptVerificationException}.
 */
public enum VerificationFailure {
    /** The receipt is not a JSON object, has a duplicate member, or lacks a field or has one of the wrong type. */
    MALFORMED_RECEIPT,
    /**
     * The signature is not {@code ed25519:<base64url>} of exactly 64 bytes: bad characters, padding or length,
     * non-canonical base64url, or a non-canonical scalar (S not below the group order).
     */
    MALFORMED_SIGNATURE,
    /** The signature or the key names an algorithm other than Ed25519. */
    UNSUPPORTED_ALGORITHM,
    /** The receipt's {@code key_id} is not in the key set (after one refresh, when keys are fetched). */
    UNKNOWN_KEY_ID,
    /** The signature is well formed but does not match the receipt's content under the named key. */
    SIGNATURE_MISMATCH,
    /** The key set could not be fetched from the server (down, slow, refused, malformed). Says nothing of the receipt. */
    KEYS_UNAVAILABLE,
    /** BouncyCastle is not on the class path or module path, so no signature can be checked. A setup problem. */
    CRYPTO_PROVIDER_MISSING
}
