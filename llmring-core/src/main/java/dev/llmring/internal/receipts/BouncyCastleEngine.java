package dev.llmring.internal.receipts;

/**
 * The only class that names BouncyCastle. It is loaded only after {@link CryptoProvider} has seen BouncyCastle's
 * class, so an application without BouncyCastle never links against it.
 */
final class BouncyCastleEngine implements SignatureEngine {
    static final String PROBE_CLASS = "org.bouncycastle.math.ec.rfc8032.Ed25519";

    @Override
    public boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        // Returns false (never throws) for a key that is not a curve point and for S >= L.
        return org.bouncycastle.math.ec.rfc8032.Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length);
    }
}
