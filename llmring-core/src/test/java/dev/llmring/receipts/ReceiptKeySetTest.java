package dev.llmring.receipts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReceiptKeySetTest {
    private static final TestKeys A = TestKeys.generate("a");
    private static final TestKeys B = TestKeys.generate("b");

    @Test
    void parsesTheServersKeySet() {
        ReceiptKeySet set = ReceiptKeySet.parse(TestKeys.keySetJson(A, B));

        assertEquals(List.of("a", "b"), List.copyOf(set.keyIds()));
        assertEquals(Optional.of("a"), set.currentKeyId());
        assertArrayEquals(B.publicKey(), set.publicKey("b").orElseThrow());
    }

    @Test
    void loadsFromAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys.json");
        Files.writeString(file, TestKeys.keySetJson(B));

        assertEquals(Optional.of("b"), ReceiptKeySet.load(file).currentKeyId());
    }

    @Test
    void rejectsKeyThatIsNot32Bytes() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> ReceiptKeySet.builder().addEd25519Key("short", "AAAA"));

        assertTrue(e.getMessage().contains("32 bytes"), e.getMessage());
    }

    @Test
    void rejectsKeyInStandardBase64() {
        String standard = java.util.Base64.getEncoder().encodeToString(new byte[] {
            (byte) 0xfb,
            (byte) 0xff,
            1,
            2,
            3,
            4,
            5,
            6,
            7,
            8,
            9,
            10,
            11,
            12,
            13,
            14,
            15,
            16,
            17,
            18,
            19,
            20,
            21,
            22,
            23,
            24,
            25,
            26,
            27,
            28,
            29,
            30
        });

        assertThrows(
                IllegalArgumentException.class, () -> ReceiptKeySet.builder().addEd25519Key("std", standard));
    }

    @Test
    void rejectsRepeatedKeyId() {
        assertThrows(
                IllegalArgumentException.class,
                () -> ReceiptKeySet.builder().addEd25519Key("a", A.publicKey()).addEd25519Key("a", B.publicKey()));
    }

    @Test
    void rejectsCurrentKeyIdThatNamesNoKey() {
        assertThrows(IllegalArgumentException.class, () -> ReceiptKeySet.builder()
                .addEd25519Key("a", A.publicKey())
                .currentKeyId("z")
                .build());
    }

    @Test
    void rejectsKeySetWithoutKeysList() {
        assertThrows(IllegalArgumentException.class, () -> ReceiptKeySet.parse("{\"current_key_id\": \"a\"}"));
    }

    @Test
    void rejectsKeyInAnotherFormat() {
        String json = TestKeys.keySetJson(A).replace("\"base64url\"", "\"pem\"");

        assertThrows(IllegalArgumentException.class, () -> ReceiptKeySet.parse(json));
    }

    @Test
    void publicKeyIsACopy() {
        ReceiptKeySet set = A.keySet();
        set.publicKey("a").orElseThrow()[0] ^= 1;

        assertArrayEquals(A.publicKey(), set.publicKey("a").orElseThrow());
    }
}
