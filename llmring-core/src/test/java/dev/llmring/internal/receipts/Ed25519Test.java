package dev.llmring.internal.receipts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Ed25519Test {
    private static final SignatureEngine MUST_NOT_BE_CALLED = (k, m, s) -> fail("the engine was called");

    record Vector(String name, byte[] secret, byte[] publicKey, byte[] message, byte[] signature) {
        @Override
        public String toString() {
            return name + " (" + message.length + "-byte message)";
        }
    }

    static Stream<Vector> rfc8032() {
        try {
            return read();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Stream<Vector> read() throws IOException {
        List<Vector> out = new ArrayList<>();
        try (InputStream in = Ed25519Test.class.getResourceAsStream("/receipts/rfc8032-ed25519.txt")) {
            HexFormat hex = HexFormat.of();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.trim().split(" ");
                out.add(new Vector(
                        f[0],
                        hex.parseHex(f[1]),
                        hex.parseHex(f[2]),
                        f[3].equals("-") ? new byte[0] : hex.parseHex(f[3]),
                        hex.parseHex(f[4])));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rfc8032")
    void verifiesRfc8032Vector(Vector v) {
        assertTrue(Ed25519.verify(v.publicKey(), v.message(), v.signature()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rfc8032")
    void rfc8032VectorWasTypedCorrectly(Vector v) {
        // Ed25519 is deterministic: the secret key must give the same public key and signature.
        Ed25519PrivateKeyParameters secret = new Ed25519PrivateKeyParameters(v.secret());
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, secret);
        signer.update(v.message(), 0, v.message().length);

        assertArrayEquals(v.publicKey(), secret.generatePublicKey().getEncoded());
        assertArrayEquals(v.signature(), signer.generateSignature());
    }

    @Test
    void test1024MessageIs1023Bytes() {
        assertEquals(
                1023,
                rfc8032()
                        .filter(v -> v.name().equals("TEST1024"))
                        .findFirst()
                        .orElseThrow()
                        .message()
                        .length);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rfc8032")
    void rejectsRfc8032VectorWithMessageChanged(Vector v) {
        byte[] message = Arrays.copyOf(v.message(), v.message().length + 1);

        assertFalse(Ed25519.verify(v.publicKey(), message, v.signature()));
    }

    @Test
    void rejectsSignatureNot64BytesBeforeTheEngineSeesIt() {
        Vector v = first();
        for (int length : new int[] {0, 63, 65, 128}) {
            byte[] sig = Arrays.copyOf(v.signature(), length);
            assertThrows(
                    IllegalArgumentException.class,
                    () -> Ed25519.verify(MUST_NOT_BE_CALLED, v.publicKey(), v.message(), sig));
        }
    }

    @Test
    void rejectsKeyNot32BytesBeforeTheEngineSeesIt() {
        Vector v = first();
        for (int length : new int[] {0, 31, 33, 64}) {
            byte[] key = Arrays.copyOf(v.publicKey(), length);
            assertThrows(
                    IllegalArgumentException.class,
                    () -> Ed25519.verify(MUST_NOT_BE_CALLED, key, v.message(), v.signature()));
        }
    }

    @Test
    void rejectsNonCanonicalScalarBeforeTheEngineSeesIt() {
        Vector v = first();

        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Ed25519.verify(MUST_NOT_BE_CALLED, v.publicKey(), v.message(), withSPlusL(v.signature())));

        assertTrue(e.getMessage().contains("non-canonical"), e.getMessage());
    }

    @Test
    void bouncyCastleItselfAlsoRejectsNonCanonicalScalar() {
        // Checked so the library's behaviour is known, not relied upon: our own check runs first.
        for (Vector v : rfc8032().toList()) {
            assertFalse(
                    new BouncyCastleEngine().verify(v.publicKey(), v.message(), withSPlusL(v.signature())), v.name());
        }
    }

    @Test
    void acceptsLargestCanonicalScalarShape() {
        byte[] sig = new byte[64];
        byte[] lMinusOne = littleEndian(Ed25519.L.subtract(BigInteger.ONE));
        System.arraycopy(lMinusOne, 0, sig, 32, 32);
        assertTrue(Ed25519.isCanonicalScalar(sig));
        System.arraycopy(littleEndian(Ed25519.L), 0, sig, 32, 32);
        assertFalse(Ed25519.isCanonicalScalar(sig));
    }

    private static Vector first() {
        return rfc8032().findFirst().orElseThrow();
    }

    static byte[] withSPlusL(byte[] signature) {
        byte[] be = new byte[33];
        for (int i = 0; i < 32; i++) be[32 - i] = signature[32 + i];
        byte[] sum = littleEndian(new BigInteger(be).add(Ed25519.L));
        byte[] out = signature.clone();
        System.arraycopy(sum, 0, out, 32, 32);
        return out;
    }

    private static byte[] littleEndian(BigInteger value) {
        byte[] be = value.toByteArray();
        byte[] le = new byte[32];
        for (int i = 0; i < 32 && i < be.length; i++) le[i] = be[be.length - 1 - i];
        return le;
    }
}
