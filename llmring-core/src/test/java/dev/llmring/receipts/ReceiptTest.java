package dev.llmring.receipts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReceiptTest {
    private static final TestKeys KEYS = TestKeys.generate("k1");

    @Test
    void exposesEveryField() {
        Receipt r = Receipt.parse(KEYS.sign(KEYS.batchReceipt()));

        assertEquals("rcpt_0123456789abcdef", r.receiptId());
        assertEquals(OffsetDateTime.of(2025, 10, 2, 12, 34, 56, 123_456_000, ZoneOffset.UTC), r.timestamp());
        assertEquals("summarizer", r.alias());
        assertEquals("prod", r.profile());
        assertEquals("sha256:4f1c0ffee", r.lockDigest());
        assertEquals("anthropic", r.provider());
        assertEquals("batch:2 calls", r.model());
        assertEquals(150, r.promptTokens());
        assertEquals(300, r.completionTokens());
        assertEquals(450, r.totalTokens());
        assertEquals(Optional.of("batch"), r.receiptType());
        assertTrue(r.isBatch());
        assertTrue(r.batchSummaryJson().orElseThrow().contains("\"total_calls\":2"));
        assertEquals(Optional.of("October billing"), r.description());
        assertEquals(List.of("billing", "monthly"), r.tags());
        assertEquals(Optional.of("k1"), r.keyId());
        assertTrue(r.signature().startsWith("ed25519:"));
    }

    @Test
    void keepsCostsExactlyAsWritten() {
        Receipt r = Receipt.parse(KEYS.sign(KEYS.singleReceipt()));

        assertEquals(new BigDecimal("0.000123"), r.inputCost());
        assertEquals(new BigDecimal("0.00018"), r.outputCost());
        assertEquals(new BigDecimal("0.000303"), r.totalCost());
    }

    @Test
    void keepsTheTimestampTextThatWasSigned() {
        Map<String, Object> fields = KEYS.singleReceipt();
        fields.put("timestamp", "2025-10-02T14:34:56.1+02:00");

        Receipt r = Receipt.parse(KEYS.sign(fields));

        assertEquals("2025-10-02T14:34:56.1+02:00", r.timestampText());
        assertEquals(ZoneOffset.ofHours(2), r.timestamp().getOffset());
        assertTrue(ReceiptVerifier.pinned(KEYS.keySet()).verify(r).isValid());
    }

    @Test
    void signedContentIsTheCanonicalJsonOfEveryFieldButTheSignature() {
        Map<String, Object> fields = KEYS.singleReceipt();
        fields.put("zz_extra", "kept");

        Receipt r = Receipt.parse(KEYS.sign(fields));

        assertEquals(
                "{\"alias\":\"summarizer\",\"completion_tokens\":300,\"input_cost\":0.000123,\"key_id\":\"k1\","
                        + "\"lock_digest\":\"sha256:4f1c0ffee\",\"model\":\"claude-3-5-haiku\",\"output_cost\":0.00018,"
                        + "\"profile\":\"prod\",\"prompt_tokens\":150,\"provider\":\"anthropic\","
                        + "\"receipt_id\":\"rcpt_0123456789abcdef\",\"timestamp\":\"2025-10-02T12:34:56.123456+00:00\","
                        + "\"total_cost\":0.000303,\"total_tokens\":450,\"zz_extra\":\"kept\"}",
                r.signedContent());
        assertTrue(r.fieldNames().contains("zz_extra"));
    }

    @Test
    void toJsonRoundTripsToAnEqualReceipt() {
        Receipt r = Receipt.parse(KEYS.sign(KEYS.batchReceipt()));

        assertEquals(r, Receipt.parse(r.toJson()));
    }

    @Test
    void acceptsNullOptionalFields() {
        Map<String, Object> fields = KEYS.singleReceipt();
        String json = KEYS.sign(fields)
                .replace("{", "{\"receipt_type\":null,\"batch_summary\":null," + "\"description\":null,\"tags\":null,");

        Receipt r = Receipt.parse(json);

        assertEquals(Optional.empty(), r.receiptType());
        assertFalse(r.isBatch());
        assertEquals(List.of(), r.tags());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "receipt_id",
                "timestamp",
                "alias",
                "profile",
                "lock_digest",
                "provider",
                "model",
                "prompt_tokens",
                "completion_tokens",
                "total_tokens",
                "input_cost",
                "output_cost",
                "total_cost",
                "signature"
            })
    void rejectsReceiptWithoutARequiredField(String field) {
        Map<String, Object> fields = KEYS.singleReceipt();
        fields.put("signature", KEYS.signature(fields));
        fields.remove(field);

        ReceiptVerificationException e = assertThrows(
                ReceiptVerificationException.class,
                () -> Receipt.parse(dev.llmring.internal.receipts.JsonTree.write(fields)));

        assertEquals(VerificationFailure.MALFORMED_RECEIPT, e.reason());
        assertTrue(e.getMessage().contains(field), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-10-02T12:34:56", "2025-10-02 12:34:56Z", "yesterday"})
    void rejectsTimestampWithoutOffsetOrNotRfc3339(String timestamp) {
        Map<String, Object> fields = KEYS.singleReceipt();
        fields.put("timestamp", timestamp);

        assertThrows(ReceiptVerificationException.class, () -> Receipt.parse(KEYS.sign(fields)));
    }

    @Test
    void rejectsFractionalTokenCount() {
        String json = KEYS.sign(KEYS.singleReceipt()).replace("\"prompt_tokens\":150", "\"prompt_tokens\":150.5");

        assertThrows(ReceiptVerificationException.class, () -> Receipt.parse(json));
    }

    @Test
    void rejectsTagsThatAreNotStrings() {
        String json = KEYS.sign(KEYS.singleReceipt()).replace("{", "{\"tags\":[1],");

        assertThrows(ReceiptVerificationException.class, () -> Receipt.parse(json));
    }

    @Test
    void rejectsNonObject() {
        assertEquals(
                VerificationFailure.MALFORMED_RECEIPT,
                assertThrows(ReceiptVerificationException.class, () -> Receipt.parse("[1]"))
                        .reason());
    }
}
