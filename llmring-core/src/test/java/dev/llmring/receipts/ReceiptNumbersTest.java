package dev.llmring.receipts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.internal.receipts.Base64Url;
import dev.llmring.lockfile.internal.Jcs;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Costs as a signer would write them. The signer here canonicalises the receipt's JSON *text* (JCS reading numbers
 * as doubles), the verifier canonicalises its lossless tree (numbers as BigDecimal rounded by JCS): the two paths
 * must agree on every spelling.
 */
class ReceiptNumbersTest {
    private static final TestKeys KEYS = TestKeys.generate("k");
    private static final ReceiptVerifier VERIFIER = ReceiptVerifier.pinned(KEYS.keySet());

    private static String receiptText(String cost) {
        return "{\"receipt_id\": \"r\", \"timestamp\": \"2025-10-02T12:00:00Z\", \"alias\": \"a\", \"profile\": \"p\","
                + " \"lock_digest\": \"\", \"provider\": \"openai\", \"model\": \"gpt-4o-mini\","
                + " \"prompt_tokens\": 1, \"completion_tokens\": 2, \"total_tokens\": 3,"
                + " \"input_cost\": " + cost + ", \"output_cost\": 0, \"total_cost\": " + cost + ", \"key_id\": \"k\"}";
    }

    private static String signedAsText(String text) {
        byte[] message = Jcs.canonicalize(text).getBytes(StandardCharsets.UTF_8);
        String signature = "ed25519:" + Base64Url.encode(KEYS.signBytes(message));
        return text.substring(0, text.length() - 1) + ", \"signature\": \"" + signature + "\"}";
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0.000123",
                "0.00012300",
                "1.23e-4",
                "1.23E-4",
                "0.1",
                "0.30000000000000004",
                "1e-7",
                "0.0000001",
                "123456789.123456789",
                "0.000000000000000000001",
                "1e21",
                "12.5",
                "0",
                "-0.0",
                "5e-324",
                "1.7976931348623157e308",
                "0.1000000000000000055511151231257827",
                "9007199254740993"
            })
    void verifiesWhateverNumberSpellingTheSignerUsed(String cost) {
        Receipt receipt = Receipt.parse(signedAsText(receiptText(cost)));

        assertTrue(VERIFIER.verify(receipt).isValid(), cost + " -> " + receipt.signedContent());
        assertEquals(new BigDecimal(cost), receipt.totalCost());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.000123", "1e-7", "0.30000000000000004"})
    void rejectsCostChangedToTheNextDouble(String cost) {
        double next = Math.nextUp(Double.parseDouble(cost));
        String tampered = signedAsText(receiptText(cost))
                .replace("\"total_cost\": " + cost, "\"total_cost\": " + Jcs.formatNumber(next));

        assertEquals(
                Optional.of(VerificationFailure.SIGNATURE_MISMATCH),
                VERIFIER.verify(tampered).failure());
    }
}
