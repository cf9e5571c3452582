package dev.llmring.cli;

import dev.llmring.receipts.Receipt;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;

/** Signs receipts with a fresh Ed25519 key from the JDK, as an llmring server would. */
final class ReceiptSigner {
    private static final String PLACEHOLDER =
            "ed25519:" + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[64]);

    final String keyId;
    private final KeyPair pair;

    ReceiptSigner(String keyId) {
        this.keyId = keyId;
        try {
            this.pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The server's public-keys.json for this key. */
    String keySetJson() {
        byte[] x509 = pair.getPublic().getEncoded();
        byte[] raw = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        return "{\"keys\": [{\"key_id\": \"" + keyId + "\", \"public_key\": \"" + key
                + "\", \"algorithm\": \"Ed25519\", \"format\": \"base64url\"}], \"current_key_id\": \"" + keyId + "\"}";
    }

    /** A receipt with this id and total cost, signed over the JCS form of every member but the signature. */
    String receipt(String id, String totalCost) {
        String unsigned =
                """
                {"receipt_id": "%s", "timestamp": "2025-10-02T12:34:56.123456+00:00", "alias": "summarizer",
                 "profile": "prod", "lock_digest": "sha256:4f1c0ffee", "provider": "openai", "model": "gpt-5-mini",
                 "prompt_tokens": 150, "completion_tokens": 300, "total_tokens": 450,
                 "input_cost": 0.0000375, "output_cost": 0.0006, "total_cost": %s, "key_id": "%s",
                 "signature": "SIGNATURE"}"""
                        .formatted(id, totalCost, keyId);
        String canonical =
                Receipt.parse(unsigned.replace("SIGNATURE", PLACEHOLDER)).signedContent();
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(pair.getPrivate());
            signer.update(canonical.getBytes(StandardCharsets.UTF_8));
            String signature =
                    "ed25519:" + Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign());
            return unsigned.replace("SIGNATURE", signature).replace("\n", "");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
