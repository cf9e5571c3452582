package dev.llmring.receipts;

import dev.llmring.internal.receipts.Base64Url;
import dev.llmring.internal.receipts.JsonTree;
import dev.llmring.lockfile.internal.Jcs;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** A freshly generated Ed25519 signing key (BouncyCastle), and receipts signed with it, for tests. */
final class TestKeys {
    private static final SecureRandom RANDOM = new SecureRandom();

    final String keyId;
    private final Ed25519PrivateKeyParameters privateKey;

    private TestKeys(String keyId) {
        this.keyId = keyId;
        this.privateKey = new Ed25519PrivateKeyParameters(RANDOM);
    }

    static TestKeys generate(String keyId) {
        return new TestKeys(keyId);
    }

    byte[] publicKey() {
        return privateKey.generatePublicKey().getEncoded();
    }

    String publicKeyBase64Url() {
        return Base64Url.encode(publicKey());
    }

    ReceiptKeySet keySet() {
        return ReceiptKeySet.builder()
                .addEd25519Key(keyId, publicKey())
                .currentKeyId(keyId)
                .build();
    }

    /** The key set JSON the server would publish for these keys, the first one current. */
    static String keySetJson(TestKeys... keys) {
        StringBuilder sb = new StringBuilder("{\"keys\": [");
        for (int i = 0; i < keys.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append("{\"key_id\": \"")
                    .append(keys[i].keyId)
                    .append("\", \"public_key\": \"")
                    .append(keys[i].publicKeyBase64Url())
                    .append("\", \"algorithm\": \"Ed25519\", \"format\": \"base64url\"}");
        }
        return sb.append("], \"current_key_id\": \"")
                .append(keys[0].keyId)
                .append("\"}")
                .toString();
    }

    byte[] signBytes(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    /** Signs the JCS form of {@code fields} (which must not hold a signature) and returns the receipt's JSON. */
    String sign(Map<String, Object> fields) {
        Map<String, Object> out = new LinkedHashMap<>(fields);
        out.put("signature", signature(fields));
        return JsonTree.write(out);
    }

    String signature(Map<String, Object> fields) {
        byte[] message = Jcs.canonicalizeValue(fields).getBytes(StandardCharsets.UTF_8);
        return "ed25519:" + Base64Url.encode(signBytes(message));
    }

    /** A single-call receipt's fields, with this key's id. */
    Map<String, Object> singleReceipt() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("receipt_id", "rcpt_0123456789abcdef");
        f.put("timestamp", "2025-10-02T12:34:56.123456+00:00");
        f.put("alias", "summarizer");
        f.put("profile", "prod");
        f.put("lock_digest", "sha256:4f1c0ffee");
        f.put("provider", "anthropic");
        f.put("model", "claude-3-5-haiku");
        f.put("prompt_tokens", 150L);
        f.put("completion_tokens", 300L);
        f.put("total_tokens", 450L);
        f.put("input_cost", new BigDecimal("0.000123"));
        f.put("output_cost", new BigDecimal("0.00018"));
        f.put("total_cost", new BigDecimal("0.000303"));
        f.put("key_id", keyId);
        return f;
    }

    /** A batch receipt's fields: the single fields plus receipt_type, batch_summary, description and tags. */
    Map<String, Object> batchReceipt() {
        Map<String, Object> f = singleReceipt();
        f.put("model", "batch:2 calls");
        f.put("receipt_type", "batch");
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("total_conversations", 0L);
        summary.put("total_calls", 2L);
        summary.put("total_tokens", 450L);
        summary.put("start_date", "2025-10-01T00:00:00+00:00");
        summary.put("end_date", "2025-10-01T23:59:59+00:00");
        summary.put("by_model", Map.of("claude-3-5-haiku", Map.of("calls", 2L, "cost", new BigDecimal("0.000303"))));
        summary.put("log_ids", List.of("log-1", "log-2"));
        f.put("batch_summary", summary);
        f.put("description", "October billing");
        f.put("tags", List.of("billing", "monthly"));
        return f;
    }
}
