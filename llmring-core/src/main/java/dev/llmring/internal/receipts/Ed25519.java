package dev.llmring.internal.receipts;

import java.math.BigInteger;

/**
 * Ed25519 verification (RFC 8032 section 5.1.7) with the input checks done here, before any library sees the bytes:
 * a public key of exactly 32 bytes, a signature of exactly 64 bytes, and a canonical scalar S &lt; L (a signature
 * with S + L in place of S would otherwise be a second valid spelling of the same signature).
 */
public final class Ed25519 {
    public static final int PUBLIC_KEY_LENGTH = 32;
    public static final int SIGNATURE_LENGTH = 64;

    /** The order of the base point: 2^252 + 27742317777372353535851937790883648493. */
    static final BigInteger L =
            BigInteger.ONE.shiftLeft(252).add(new BigInteger("27742317777372353535851937790883648493"));

    private Ed25519() {}

    /**
     * Whether {@code signature} is a valid Ed25519 signature of {@code message} under {@code publicKey}.
     *
     * @throws IllegalArgumentException if the key is not 32 bytes, the signature not 64 bytes, or S is not below L
     * @throws dev.llmring.receipts.ReceiptVerificationException if BouncyCastle is not available
     */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        return verify(CryptoProvider.engine(), publicKey, message, signature);
    }

    static boolean verify(SignatureEngine engine, byte[] publicKey, byte[] message, byte[] signature) {
        checkLengths(publicKey, signature);
        if (!isCanonicalScalar(signature)) {
            throw new IllegalArgumentException("non-canonical signature: S is not below the group order");
        }
        return engine.verify(publicKey.clone(), message, signature.clone());
    }

    static void checkLengths(byte[] publicKey, byte[] signature) {
        if (publicKey.length != PUBLIC_KEY_LENGTH) {
            throw new IllegalArgumentException(
                    "an Ed25519 public key is " + PUBLIC_KEY_LENGTH + " bytes, not " + publicKey.length);
        }
        if (signature.length != SIGNATURE_LENGTH) {
            throw new IllegalArgumentException(
                    "an Ed25519 signature is " + SIGNATURE_LENGTH + " bytes, not " + signature.length);
        }
    }

    /** S is the second half of the signature, little-endian. */
    static boolean isCanonicalScalar(byte[] signature) {
        byte[] bigEndian = new byte[33]; // leading zero byte keeps it positive
        for (int i = 0; i < 32; i++) {
            bigEndian[32 - i] = signature[32 + i];
        }
        return new BigInteger(bigEndian).compareTo(L) < 0;
    }
}
