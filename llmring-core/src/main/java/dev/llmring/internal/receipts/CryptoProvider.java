package dev.llmring.internal.receipts;

import dev.llmring.receipts.ReceiptVerificationException;
import dev.llmring.receipts.VerificationFailure;

/**
 * Finds BouncyCastle lazily, on the first verification, never at class initialisation of anything else.
 *
 * <p>On the module path core only {@code requires static org.bouncycastle.provider}: the module is read when it is
 * resolved, and it is resolved only if the application requires it or adds it with {@code --add-modules}.
 */
final class CryptoProvider {
    static final String ARTIFACT = "org.bouncycastle:bcprov-jdk18on";
    static final String MODULE = "org.bouncycastle.provider";

    private CryptoProvider() {}

    private static final class Holder {
        static final SignatureEngine ENGINE = locate(CryptoProvider.class.getClassLoader());
    }

    static SignatureEngine engine() {
        return Holder.ENGINE;
    }

    /** The seam: which engine a given class loader can offer. */
    static SignatureEngine locate(ClassLoader loader) {
        try {
            Class<?> probe = Class.forName(BouncyCastleEngine.PROBE_CLASS, false, loader);
            Module self = CryptoProvider.class.getModule();
            if (self.isNamed() && !self.canRead(probe.getModule())) {
                // BouncyCastle on the class path while llmring is on the module path: read it explicitly.
                self.addReads(probe.getModule());
            }
            return new BouncyCastleEngine();
        } catch (ClassNotFoundException | LinkageError e) {
            return new Missing();
        }
    }

    static String missingMessage() {
        return "Verifying receipts needs BouncyCastle, which was not found: add the dependency " + ARTIFACT
                + " to the application (it is optional in llmring-core). On the module path, also resolve its module"
                + " (requires " + MODULE + "; or --add-modules " + MODULE + ").";
    }

    private static final class Missing implements SignatureEngine {
        @Override
        public boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
            throw new ReceiptVerificationException(VerificationFailure.CRYPTO_PROVIDER_MISSING, missingMessage());
        }
    }
}
