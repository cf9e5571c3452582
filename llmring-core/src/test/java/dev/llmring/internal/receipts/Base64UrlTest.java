package dev.llmring.internal.receipts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Base64UrlTest {
    @Test
    void decodesUnpadded() {
        assertArrayEquals(new byte[] {(byte) 0xfb, (byte) 0xff}, Base64Url.decode("-_8"));
    }

    @Test
    void decodesCorrectlyPadded() {
        assertArrayEquals(new byte[] {(byte) 0xfb, (byte) 0xff}, Base64Url.decode("-_8="));
        assertArrayEquals(new byte[] {1}, Base64Url.decode("AQ=="));
    }

    @Test
    void encodesWithoutPadding() {
        assertEquals("AQ", Base64Url.encode(new byte[] {1}));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+_8", "-/8", "AQ\n", " AQ", "A Q", "AQ\t", "A", "AQ=", "AQ===", "AQI==", "=AQ", "AQ=A"})
    void rejectsStandardAlphabetWhitespaceAndBadPadding(String text) {
        assertThrows(IllegalArgumentException.class, () -> Base64Url.decode(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"AR", "AB", "AQJ", "AQI="})
    void rejectsNonZeroUnusedTrailingBits(String text) {
        // "AQ" and "AQI" are the canonical spellings of {1} and {1, 2}.
        if (text.equals("AQI=")) {
            assertArrayEquals(new byte[] {1, 2}, Base64Url.decode(text)); // control: canonical, padded
            return;
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Base64Url.decode(text));
        assertEquals("not canonical base64url: the unused trailing bits are not zero", e.getMessage());
    }
}
