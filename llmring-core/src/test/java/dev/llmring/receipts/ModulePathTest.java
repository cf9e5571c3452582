package dev.llmring.receipts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The receipts package runs as part of the named module, exported; its machinery is not. */
class ModulePathTest {
    @Test
    void receiptsRunInTheNamedCoreModule() {
        Module core = ReceiptVerifier.class.getModule();

        assertEquals("dev.llmring.core", core.getName());
        assertTrue(core.isExported("dev.llmring.receipts"));
        assertFalse(core.isExported("dev.llmring.internal.receipts"));
    }

    @Test
    void verifiesWithBouncyCastleReadAsAModule() {
        TestKeys keys = TestKeys.generate("k");

        assertTrue(ReceiptVerifier.pinned(keys.keySet())
                .verify(keys.sign(keys.singleReceipt()))
                .isValid());
        assertTrue(ReceiptVerifier.class
                .getModule()
                .getLayer()
                .findModule("org.bouncycastle.provider")
                .isPresent());
    }
}
