package dev.llmring;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.llmring.testsupport.Keytool;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sslContext(...)} against an HTTPS loopback server whose self-signed certificate (for {@code 127.0.0.1}) is
 * made by the JDK's {@code keytool} when the test runs: trusted through the builder's context, refused by the default.
 */
class SslContextTest {
    private static final String PASSWORD = "test-pass-123";

    @TempDir
    static Path dir;

    private static KeyStore keys;
    private static WireMockServer https;

    @BeforeAll
    static void start() throws Exception {
        Path store = dir.resolve("server.p12");
        keys = Keytool.generate(store, "127.0.0.1", "ip:127.0.0.1", PASSWORD.toCharArray());
        https = new WireMockServer(options()
                .httpDisabled(true)
                .dynamicHttpsPort()
                .bindAddress("127.0.0.1")
                .keystorePath(store.toString())
                .keystoreType("PKCS12")
                .keystorePassword(PASSWORD)
                .keyManagerPassword(PASSWORD));
        https.start();
        https.stubFor(post("/a/chat").willReturn(WireMockSupport.answer("over tls")));
    }

    @AfterAll
    static void stop() {
        https.stop();
    }

    /** A context trusting exactly the test certificate. */
    private static SSLContext trusting() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", keys.getCertificate("server"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private static LlmRing.Builder ring() {
        MapResolver aliases = new MapResolver();
        aliases.bind("chat", "a:m1");
        return LlmRing.builder()
                .discoverProviders(false)
                .environment(Map.<String, String>of()::get)
                .provider(new TestProvider("a"))
                .apiKey("a", WireMockSupport.KEY)
                .baseUrl("a", URI.create("https://127.0.0.1:" + https.httpsPort()))
                .retryPolicy(RetryPolicy.none())
                .noRegistry()
                .poolResolver(aliases);
    }

    @Test
    void aContextTrustingTheServerCertificateConnects() throws Exception {
        try (LlmRing ring = ring().sslContext(trusting()).build()) {
            assertEquals("over tls", ring.chat(WireMockSupport.request("chat")).text());
        }
    }

    @Test
    void theDefaultContextRefusesTheServerWithAConnectionException() {
        try (LlmRing ring = ring().build()) {
            ConnectionException e =
                    assertThrows(ConnectionException.class, () -> ring.chat(WireMockSupport.request("chat")));
            assertTrue(e.getMessage().contains("127.0.0.1:" + https.httpsPort()), e::getMessage);
        }
    }
}
