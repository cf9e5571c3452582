package dev.llmring.internal.receipts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.receipts.ReceiptVerificationException;
import dev.llmring.receipts.VerificationFailure;
import org.junit.jupiter.api.Test;

class CryptoProviderTest {
    /** Sees the JDK only: BouncyCastle (like everything on the class and module path) is hidden. */
    private static final ClassLoader WITHOUT_BOUNCY_CASTLE = new ClassLoader(null) {};

    @Test
    void findsBouncyCastleWhenItIsThere() {
        assertInstanceOf(BouncyCastleEngine.class, CryptoProvider.locate(CryptoProviderTest.class.getClassLoader()));
    }

    @Test
    void verificationWithoutBouncyCastleNamesTheArtifactToAdd() {
        SignatureEngine engine = CryptoProvider.locate(WITHOUT_BOUNCY_CASTLE);

        ReceiptVerificationException e = assertThrows(
                ReceiptVerificationException.class,
                () -> Ed25519.verify(engine, new byte[32], new byte[0], new byte[64]));

        assertEquals(VerificationFailure.CRYPTO_PROVIDER_MISSING, e.reason());
        assertTrue(e.getMessage().contains("org.bouncycastle:bcprov-jdk18on"), e.getMessage());
        assertTrue(e.getMessage().contains("--add-modules org.bouncycastle.provider"), e.getMessage());
    }
}
