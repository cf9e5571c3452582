package dev.llmring.internal.receipts;

/** A raw Ed25519 check (RFC 8032, pure Ed25519, no context): lengths and the scalar are checked before it is called. */
interface SignatureEngine {
    boolean verify(byte[] publicKey, byte[] message, byte[] signature);
}
