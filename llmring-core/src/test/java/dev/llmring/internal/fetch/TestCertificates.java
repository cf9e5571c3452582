package dev.llmring.internal.fetch;

import dev.llmring.testsupport.Keytool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Self-signed certificates made at test time with the JDK's own {@code keytool}: one for {@code images.test}, one for
 * {@code other.test}. The client context trusts both, so a name mismatch is the only thing that can fail.
 */
final class TestCertificates {
    static final String IMAGES_HOST = "images.test";
    static final String OTHER_HOST = "other.test";
    private static final char[] PASSWORD = "test-pass-123".toCharArray();

    private static TestCertificates instance;

    private final KeyStore images;
    private final KeyStore other;

    private TestCertificates(Path dir) throws Exception {
        this.images = generate(dir, IMAGES_HOST);
        this.other = generate(dir, OTHER_HOST);
    }

    static synchronized TestCertificates get() throws Exception {
        if (instance == null) {
            Path dir = Files.createTempDirectory("llmring-fetch-certs");
            instance = new TestCertificates(dir);
        }
        return instance;
    }

    /** A server context presenting the certificate for {@code host}. */
    SSLContext serverContext(String host) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(host.equals(IMAGES_HOST) ? images : other, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    /** A client context trusting exactly the two test certificates. */
    SSLContext clientContext() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry(IMAGES_HOST, certificate(images));
        trust.setCertificateEntry(OTHER_HOST, certificate(other));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private static Certificate certificate(KeyStore store) throws Exception {
        return store.getCertificate("server");
    }

    private static KeyStore generate(Path dir, String host) throws Exception {
        return Keytool.generate(dir.resolve(host + ".p12"), host, "dns:" + host, PASSWORD);
    }
}
