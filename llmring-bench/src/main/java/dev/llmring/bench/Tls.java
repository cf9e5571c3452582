package dev.llmring.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS for the loopback benchmark: a self-signed EC (P-256) certificate for {@code 127.0.0.1} made at run time by the
 * running JDK's own {@code keytool} (no key material is committed), the server's {@link SSLContext} holding its key,
 * and the clients' trusting just that certificate. Real providers speak TLS 1.3 with ECDSA or RSA certificates; the
 * JDK's defaults are used on both sides (TLS 1.3, no ALPN on the server, so every client speaks HTTP/1.1).
 */
record Tls(SSLContext server, SSLContext client, Certificate certificate) {
    /** The password of a trust store {@link #writeTrustStore} writes (it holds no key). */
    static final char[] TRUST_PASSWORD = "bench-trust".toCharArray();

    /** Writes a PKCS12 trust store holding only the server's certificate (no key) to {@code file}. */
    static void writeTrustStore(Tls tls, Path file) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("server", tls.certificate());
        try (OutputStream out = Files.newOutputStream(file)) {
            trusted.store(out, TRUST_PASSWORD);
        }
    }

    /** Makes a fresh key pair and certificate, valid two days, in a temporary directory deleted again at once. */
    static Tls generate() throws Exception {
        Path dir = Files.createTempDirectory("llmring-bench-tls");
        try {
            char[] password = "bench-pass".toCharArray();
            Path file = dir.resolve("server.p12");
            String keytool =
                    Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            Process process = new ProcessBuilder(List.of(
                            keytool,
                            "-genkeypair",
                            "-noprompt",
                            "-alias",
                            "server",
                            "-keyalg",
                            "EC",
                            "-groupname",
                            "secp256r1",
                            "-dname",
                            "CN=127.0.0.1",
                            "-ext",
                            "SAN=ip:127.0.0.1",
                            "-validity",
                            "2",
                            "-keystore",
                            file.toString(),
                            "-storetype",
                            "PKCS12",
                            "-storepass",
                            new String(password),
                            "-keypass",
                            new String(password)))
                    .redirectErrorStream(true)
                    .start();
            String output;
            try (InputStream out = process.getInputStream()) {
                output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool failed: " + output);
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file)) {
                keys.load(in, password);
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, password);
            SSLContext server = SSLContext.getInstance("TLS");
            server.init(kmf.getKeyManagers(), null, null);

            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("server", keys.getCertificate("server"));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            SSLContext client = SSLContext.getInstance("TLS");
            client.init(null, tmf.getTrustManagers(), null);
            return new Tls(server, client, keys.getCertificate("server"));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
