package dev.llmring.receipts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.internal.receipts.Base64Url;
import dev.llmring.internal.receipts.JsonTree;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReceiptVerifierTest {
    private static final TestKeys KEYS = TestKeys.generate("key-2025-10");
    private final ReceiptVerifier verifier = ReceiptVerifier.pinned(KEYS.keySet());

    @Test
    void acceptsReceiptSignedOverEveryFieldButTheSignature() {
        VerificationResult result = verifier.verify(KEYS.sign(KEYS.singleReceipt()));

        assertTrue(result.isValid(), result::message);
        assertEquals(Optional.of("key-2025-10"), result.keyId());
    }

    @Test
    void acceptsBatchReceiptWithSummaryDescriptionAndTags() {
        assertTrue(verifier.verify(KEYS.sign(KEYS.batchReceipt())).isValid());
    }

    static Stream<Arguments> tamperings() {
        List<Arguments> out = new ArrayList<>();
        Map<String, Object> replacements = new LinkedHashMap<>();
        replacements.put("receipt_id", "rcpt_fedcba9876543210");
        replacements.put("timestamp", "2025-10-02T12:34:56.123457+00:00");
        replacements.put("alias", "summarizer2");
        replacements.put("profile", "dev");
        replacements.put("lock_digest", "sha256:4f1c0ffef");
        replacements.put("provider", "openai");
        replacements.put("model", "gpt-4o-mini");
        replacements.put("prompt_tokens", 151L);
        replacements.put("completion_tokens", 299L);
        replacements.put("total_tokens", 449L);
        replacements.put("input_cost", new BigDecimal("0.000124"));
        replacements.put("output_cost", new BigDecimal("0.00017"));
        replacements.put("total_cost", new BigDecimal("0.000304"));
        replacements.put("key_id", "key-2025-11");
        replacements.put("receipt_type", "single");
        replacements.put("batch_summary", Map.of("total_calls", 3L));
        replacements.put("description", "November billing");
        replacements.put("tags", List.of("billing"));
        replacements.put("added_field", "surprise");
        replacements.forEach((field, value) -> out.add(Arguments.of(field, value)));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tamperings")
    void rejectsReceiptWithAnySingleFieldChangedOrAdded(String field, Object value) {
        Map<String, Object> fields = KEYS.batchReceipt();
        String signature = KEYS.signature(fields);
        fields.put(field, value);
        fields.put("signature", signature);

        VerificationResult result = verifier.verify(JsonTree.write(fields));

        assertFalse(result.isValid());
        VerificationFailure expected =
                field.equals("key_id") ? VerificationFailure.UNKNOWN_KEY_ID : VerificationFailure.SIGNATURE_MISMATCH;
        assertEquals(Optional.of(expected), result.failure(), result::message);
    }

    @Test
    void rejectsReceiptWithAFieldRemoved() {
        Map<String, Object> fields = KEYS.batchReceipt();
        String signature = KEYS.signature(fields);
        fields.remove("description");
        fields.put("signature", signature);

        assertEquals(
                Optional.of(VerificationFailure.SIGNATURE_MISMATCH),
                verifier.verify(JsonTree.write(fields)).failure());
    }

    @Test
    void rejectsSignatureByAnotherKeyUnderTheSameKeyId() {
        TestKeys impostor = TestKeys.generate(KEYS.keyId);

        VerificationResult result = verifier.verify(impostor.sign(impostor.singleReceipt()));

        assertEquals(Optional.of(VerificationFailure.SIGNATURE_MISMATCH), result.failure());
    }

    @Test
    void rejectsUnknownKeyIdWithTypedReason() {
        TestKeys other = TestKeys.generate("key-unknown");

        ReceiptVerificationException e = assertThrows(
                ReceiptVerificationException.class, () -> verifier.verifyOrThrow(other.sign(other.singleReceipt())));

        assertEquals(VerificationFailure.UNKNOWN_KEY_ID, e.reason());
        assertTrue(e.getMessage().contains("key-unknown"), e.getMessage());
    }

    @Test
    void rejectsKeyIdChangedToAnotherKnownKey() {
        TestKeys other = TestKeys.generate("key-other");
        ReceiptVerifier both = ReceiptVerifier.pinned(ReceiptKeySet.parse(TestKeys.keySetJson(KEYS, other)));
        Map<String, Object> fields = KEYS.singleReceipt();
        fields.put("signature", KEYS.signature(fields));
        fields.put("key_id", "key-other");

        assertEquals(
                Optional.of(VerificationFailure.SIGNATURE_MISMATCH),
                both.verify(JsonTree.write(fields)).failure());
    }

    @Test
    void checksReceiptWithoutKeyIdAgainstTheCurrentKey() {
        Map<String, Object> fields = KEYS.singleReceipt();
        fields.remove("key_id");

        assertTrue(verifier.verify(KEYS.sign(fields)).isValid());
    }

    @Test
    void verifiesAgainstEachKeyOfARotatingSet() {
        TestKeys old = TestKeys.generate("key-old");
        ReceiptKeySet both = ReceiptKeySet.parse(TestKeys.keySetJson(KEYS, old));
        ReceiptVerifier rotating = ReceiptVerifier.pinned(both);

        assertTrue(rotating.verify(KEYS.sign(KEYS.singleReceipt())).isValid());
        assertTrue(rotating.verify(old.sign(old.singleReceipt())).isValid());
    }

    @Test
    void rejectsTruncatedSignature() {
        assertSignatureRejected(sig -> java.util.Arrays.copyOf(sig, 63), VerificationFailure.MALFORMED_SIGNATURE);
    }

    @Test
    void rejectsSignaturePaddedWithAnExtraByte() {
        assertSignatureRejected(sig -> concat(sig, new byte[] {0}), VerificationFailure.MALFORMED_SIGNATURE);
    }

    @Test
    void rejectsNonCanonicalScalarEvenThoughTheCurveEquationHolds() {
        // S + L verifies mathematically like S; accepting it would give a second valid spelling of the signature.
        assertSignatureRejected(ReceiptVerifierTest::addGroupOrderToS, VerificationFailure.MALFORMED_SIGNATURE);
    }

    @Test
    void rejectsSignatureWithOneBitFlipped() {
        assertSignatureRejected(
                sig -> {
                    byte[] copy = sig.clone();
                    copy[10] ^= 0x01;
                    return copy;
                },
                VerificationFailure.SIGNATURE_MISMATCH);
    }

    @Test
    void rejectsStandardBase64Characters() {
        assertSignatureTextRejected(text -> text.replace('-', '+').replace('_', '/'), true);
    }

    @Test
    void rejectsWhitespaceInSignature() {
        assertSignatureTextRejected(text -> text.substring(0, 20) + " " + text.substring(20), false);
    }

    @Test
    void rejectsNonCanonicalBase64UrlWithNonZeroTrailingBits() {
        // 64 bytes = 85 full characters + one carrying 2 data bits and 4 unused bits, which must be zero.
        assertSignatureTextRejected(
                text -> {
                    char last = text.charAt(text.length() - 1);
                    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
                    char bumped = alphabet.charAt(alphabet.indexOf(last) + 1);
                    return text.substring(0, text.length() - 1) + bumped;
                },
                false);
    }

    @Test
    void acceptsPaddedBase64UrlSignature() {
        Map<String, Object> fields = KEYS.singleReceipt();
        fields.put("signature", KEYS.signature(fields) + "==");

        assertTrue(verifier.verify(JsonTree.write(fields)).isValid());
    }

    @Test
    void rejectsSignatureOfAnotherAlgorithm() {
        Map<String, Object> fields = KEYS.singleReceipt();
        fields.put("signature", KEYS.signature(fields).replace("ed25519:", "rsa:"));

        assertEquals(
                Optional.of(VerificationFailure.UNSUPPORTED_ALGORITHM),
                verifier.verify(JsonTree.write(fields)).failure());
    }

    @Test
    void rejectsKeyOfAnotherAlgorithm() {
        ReceiptKeySet set = ReceiptKeySet.parse("{\"keys\": [{\"key_id\": \"" + KEYS.keyId
                + "\", \"public_key\": \"AAAA\", \"algorithm\": \"ML-DSA-65\"}]}");

        VerificationResult result = ReceiptVerifier.pinned(set).verify(KEYS.sign(KEYS.singleReceipt()));

        assertEquals(Optional.of(VerificationFailure.UNSUPPORTED_ALGORITHM), result.failure());
    }

    @Test
    void reportsMalformedReceiptAsAResult() {
        VerificationResult result = verifier.verify("{\"receipt_id\": \"x\"}");

        assertEquals(Optional.of(VerificationFailure.MALFORMED_RECEIPT), result.failure());
    }

    @Test
    void stillVerifiesWhenTheJsonIsReorderedAndReindented() {
        Map<String, Object> fields = KEYS.batchReceipt();
        String signature = KEYS.signature(fields);
        List<String> names = new ArrayList<>(fields.keySet());
        java.util.Collections.reverse(names);
        StringBuilder json = new StringBuilder("{\n");
        for (String name : names) {
            json.append("    \"")
                    .append(name)
                    .append("\" :  ")
                    .append(JsonTree.write(fields.get(name)))
                    .append(",\n");
        }
        json.append("    \"signature\": \"").append(signature).append("\"\n}\n");

        assertTrue(verifier.verify(json.toString()).isValid());
    }

    @Test
    void stillVerifiesWhenANumberIsSpelledDifferentlyWithTheSameValue() {
        Map<String, Object> fields = KEYS.singleReceipt();
        String json = KEYS.sign(fields)
                .replace("\"input_cost\":0.000123", "\"input_cost\":1.230e-4")
                .replace("\"prompt_tokens\":150", "\"prompt_tokens\":150.0");

        assertTrue(json.contains("1.230e-4") && json.contains("150.0"), json);
        assertTrue(verifier.verify(json).isValid());
    }

    @Test
    void rejectsANumberSpelledToADifferentValue() {
        String json = KEYS.sign(KEYS.singleReceipt()).replace("\"input_cost\":0.000123", "\"input_cost\":0.0001230001");

        assertEquals(
                Optional.of(VerificationFailure.SIGNATURE_MISMATCH),
                verifier.verify(json).failure());
    }

    @Test
    void rejectsDuplicateMemberNames() {
        String json = KEYS.sign(KEYS.singleReceipt()).replace("{\"receipt_id\"", "{\"alias\":\"other\",\"receipt_id\"");

        assertEquals(
                Optional.of(VerificationFailure.MALFORMED_RECEIPT),
                verifier.verify(json).failure());
    }

    @Test
    void verifyOrThrowReturnsTheGenuineReceipt() {
        Receipt receipt = Receipt.parse(KEYS.sign(KEYS.singleReceipt()));

        assertEquals(receipt, verifier.verifyOrThrow(receipt));
    }

    private void assertSignatureRejected(java.util.function.UnaryOperator<byte[]> change, VerificationFailure reason) {
        Map<String, Object> fields = KEYS.singleReceipt();
        byte[] signature = Base64Url.decode(KEYS.signature(fields).substring("ed25519:".length()));
        fields.put("signature", "ed25519:" + Base64Url.encode(change.apply(signature)));

        VerificationResult result = verifier.verify(JsonTree.write(fields));

        assertEquals(Optional.of(reason), result.failure(), result::message);
    }

    private void assertSignatureTextRejected(java.util.function.UnaryOperator<String> change, boolean needsChange) {
        Map<String, Object> fields = KEYS.singleReceipt();
        String text = KEYS.signature(fields).substring("ed25519:".length());
        String changed = change.apply(text);
        if (needsChange && changed.equals(text)) {
            // No '-' or '_' in this signature: force a standard-alphabet character in.
            changed = "+" + text.substring(1);
        }
        fields.put("signature", "ed25519:" + changed);

        VerificationResult result = verifier.verify(JsonTree.write(fields));

        assertEquals(Optional.of(VerificationFailure.MALFORMED_SIGNATURE), result.failure(), result::message);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] addGroupOrderToS(byte[] signature) {
        java.math.BigInteger l = java.math.BigInteger.ONE
                .shiftLeft(252)
                .add(new java.math.BigInteger("27742317777372353535851937790883648493"));
        byte[] le = java.util.Arrays.copyOfRange(signature, 32, 64);
        byte[] be = new byte[33];
        for (int i = 0; i < 32; i++) be[32 - i] = le[i];
        byte[] sum = new java.math.BigInteger(be).add(l).toByteArray(); // big-endian, fits in 32 bytes
        byte[] out = signature.clone();
        java.util.Arrays.fill(out, 32, 64, (byte) 0);
        for (int i = 0; i < sum.length && i < 32; i++) out[32 + i] = sum[sum.length - 1 - i];
        return out;
    }
}
