package dev.llmring;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.testsupport.Keytool;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * llmring's own {@code https} HttpClient speaks HTTP/1.1 even to a server that offers HTTP/2 (see {@code Shared}): a
 * TLS server offering ALPN {@code h2} and {@code http/1.1}, as every hosted provider does, records what the client's
 * handshake negotiated, then hangs up.
 */
class HttpsVersionTest {
    private static final char[] PASSWORD = "test-pass-123".toCharArray();

    @TempDir
    Path dir;

    @Test
    void theHttpsClientNeverNegotiatesHttp2() throws Exception {
        KeyStore keys = Keytool.generate(dir.resolve("server.p12"), "127.0.0.1", "ip:127.0.0.1", PASSWORD);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(kmf.getKeyManagers(), null, null);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", keys.getCertificate("server"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, tmf.getTrustManagers(), null);

        try (SSLServerSocket listener = (SSLServerSocket)
                server.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            SSLParameters offer = listener.getSSLParameters();
            offer.setApplicationProtocols(new String[] {"h2", "http/1.1"});
            listener.setSSLParameters(offer);
            CompletableFuture<String> negotiated = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                    s.startHandshake();
                    String protocol = s.getApplicationProtocol();
                    return protocol == null ? "" : protocol;
                } catch (Exception e) {
                    return "failed: " + e;
                }
            });

            MapResolver aliases = new MapResolver();
            aliases.bind("chat", "a:m1");
            try (LlmRing ring = LlmRing.builder()
                    .discoverProviders(false)
                    .environment(Map.<String, String>of()::get)
                    .provider(new TestProvider("a"))
                    .apiKey("a", WireMockSupport.KEY)
                    .baseUrl("a", URI.create("https://127.0.0.1:" + listener.getLocalPort()))
                    .retryPolicy(RetryPolicy.none())
                    .noRegistry()
                    .poolResolver(aliases)
                    .sslContext(client)
                    .build()) {
                assertThrows(ConnectionException.class, () -> ring.chat(WireMockSupport.request("chat")));
            }
            String protocol = negotiated.get(30, TimeUnit.SECONDS);
            // "" when the client offered no ALPN at all, "http/1.1" when it offered only that: never "h2"
            assertTrue(List.of("", "http/1.1").contains(protocol), "negotiated: " + protocol);
        }
    }
}
