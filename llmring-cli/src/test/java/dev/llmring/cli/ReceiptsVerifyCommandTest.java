package dev.llmring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReceiptsVerifyCommandTest extends CliTestBase {
    static final ReceiptSigner SIGNER = new ReceiptSigner("k-2025-10");

    @BeforeEach
    void setUp() {
        Fixtures.write(dir, "keys.json", SIGNER.keySetJson());
    }

    @Test
    void verifiesOneReceipt() {
        Fixtures.write(dir, "r.json", SIGNER.receipt("rcpt_1", "0.0006375"));

        CliRunner.Result r = cli.run("receipts", "verify", "r.json", "--keys", "keys.json");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(
                """
                valid    rcpt_1  key k-2025-10  summarizer@prod  openai:gpt-5-mini  $0.0006375
                1 receipt: 1 valid, 0 invalid
                """,
                r.out());
    }

    @Test
    void verifiesAnArrayOfReceipts() {
        Fixtures.write(
                dir,
                "r.json",
                "[" + SIGNER.receipt("rcpt_1", "0.0006375") + ",\n" + SIGNER.receipt("rcpt_2", "0.0006375") + "]");

        CliRunner.Result r = cli.run("receipts", "verify", "r.json", "--keys", "keys.json");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().endsWith("2 receipts: 2 valid, 0 invalid\n"), r::toString);
    }

    @Test
    void aTamperedReceiptInJsonLinesFailsAndTheOthersPass() {
        String tampered =
                SIGNER.receipt("rcpt_2", "0.0006375").replace("\"total_cost\": 0.0006375", "\"total_cost\": 0.0000001");
        Fixtures.write(
                dir,
                "r.jsonl",
                SIGNER.receipt("rcpt_1", "0.0006375") + "\n" + tampered + "\n" + SIGNER.receipt("rcpt_3", "0.0006375")
                        + "\n");

        CliRunner.Result r = cli.run("receipts", "verify", "r.jsonl", "--keys", "keys.json");

        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.out().contains("INVALID  rcpt_2  SIGNATURE_MISMATCH: "), r::toString);
        assertTrue(r.out().endsWith("3 receipts: 2 valid, 1 invalid\n"), r::toString);
    }

    @Test
    void numbersAreCheckedAsWrittenNotReserialised() {
        // 6.375E-4 is the same number as 0.0006375: JCS gives both one canonical form, so the signature holds
        String spelled = SIGNER.receipt("rcpt_1", "0.0006375").replace("0.0006375", "6.375E-4");
        Fixtures.write(dir, "r.json", spelled);

        CliRunner.Result r = cli.run("receipts", "verify", "r.json", "--keys", "keys.json");

        assertEquals(0, r.exitCode(), r::toString);
    }

    @Test
    void aReceiptSignedByAnotherKeyFails() {
        Fixtures.write(dir, "r.json", new ReceiptSigner("k-2025-10").receipt("rcpt_1", "0.0006375"));

        CliRunner.Result r = cli.run("receipts", "verify", "r.json", "--keys", "keys.json");

        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.out().contains("SIGNATURE_MISMATCH"), r::toString);
    }

    @Test
    void aMalformedReceiptIsReportedByPosition() {
        Fixtures.write(dir, "r.jsonl", SIGNER.receipt("rcpt_1", "0.0006375") + "\n{\"receipt_id\": 5}\n");

        CliRunner.Result r = cli.run("receipts", "verify", "r.jsonl", "--keys", "keys.json", "--json");

        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.out().contains("\"failure\" : \"malformed_receipt\""), r::toString);
        assertTrue(r.out().contains("\"line\" : 2"), r::toString);
        assertTrue(r.out().contains("\"invalid_count\" : 1"), r::toString);
    }

    @Test
    void readsStandardInput() {
        cli.stdin = SIGNER.receipt("rcpt_1", "0.0006375");

        CliRunner.Result r = cli.run("receipts", "verify", "-", "--keys", "keys.json");

        assertEquals(0, r.exitCode(), r::toString);
    }

    @Test
    void aFileThatIsNotJsonFailsWithItsPosition() {
        Fixtures.write(dir, "r.json", "{\"receipt_id\": \n");

        CliRunner.Result r = cli.run("receipts", "verify", "r.json", "--keys", "keys.json");

        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("llmring: r.json:"), r::toString);
    }

    @Test
    void withoutKeysOrServerItIsAUsageError() {
        Fixtures.write(dir, "r.json", SIGNER.receipt("rcpt_1", "0.0006375"));

        CliRunner.Result r = cli.run("receipts", "verify", "r.json");

        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("--keys FILE"), r::toString);
    }

    @Test
    void aPlainHttpServerIsAUsageError() {
        Fixtures.write(dir, "r.json", SIGNER.receipt("rcpt_1", "0.0006375"));

        CliRunner.Result r = cli.run("receipts", "verify", "r.json", "--server", "http://example.com");

        assertEquals(2, r.exitCode(), r::toString);
    }

    @Test
    void anUnreadableKeyFileFails() {
        Fixtures.write(dir, "bad-keys.json", "{\"keys\": [{\"key_id\": \"k\", \"public_key\": \"AAAA\"}]}");
        Fixtures.write(dir, "r.json", SIGNER.receipt("rcpt_1", "0.0006375"));

        CliRunner.Result r = cli.run("receipts", "verify", "r.json", "--keys", "bad-keys.json");

        assertEquals(1, r.exitCode(), r::toString);
        assertEquals(1, r.err().lines().count(), r::toString);
    }
}
