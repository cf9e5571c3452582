package dev.llmring.receipts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.llmring.testsupport.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keys fetched from a (WireMock) llmring server over plain HTTP on loopback, allowed for tests only. */
class FetchedKeysTest {
    private static final String PATH = "/api/v1/receipts/public-keys.json";
    private static final TestKeys A = TestKeys.generate("key-a");
    private static final TestKeys B = TestKeys.generate("key-b");

    private final WireMockServer server = new WireMockServer(options().dynamicPort());
    private final MutableClock clock = new MutableClock();

    @BeforeEach
    void start() {
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private ReceiptVerifier verifier(Duration timeout) {
        return ReceiptVerifier.builder()
                .allowLoopbackHttpForTests()
                .keysFromServer(URI.create("http://127.0.0.1:" + server.port() + "/"))
                .keyCacheTtl(Duration.ofMinutes(10))
                .timeout(timeout)
                .clock(clock)
                .build();
    }

    private ReceiptVerifier verifier() {
        return verifier(Duration.ofSeconds(5));
    }

    @Test
    void fetchesKeysFromTheServerAndVerifies() {
        server.stubFor(get(PATH).willReturn(okJson(TestKeys.keySetJson(A))));

        assertTrue(verifier().verify(A.sign(A.singleReceipt())).isValid());
        server.verify(1, getRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void keepsFetchedKeysForTheTtl() {
        server.stubFor(get(PATH).willReturn(okJson(TestKeys.keySetJson(A))));
        ReceiptVerifier verifier = verifier();
        String receipt = A.sign(A.singleReceipt());

        verifier.verify(receipt);
        clock.advance(Duration.ofMinutes(9));
        verifier.verify(receipt);
        server.verify(1, getRequestedFor(urlEqualTo(PATH)));

        clock.advance(Duration.ofMinutes(2));
        verifier.verify(receipt);
        server.verify(2, getRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void fetchesAgainOnceWhenAReceiptNamesAKeyRotatedInSince() {
        server.stubFor(get(PATH).willReturn(okJson(TestKeys.keySetJson(A))));
        ReceiptVerifier verifier = verifier();
        verifier.keys();
        server.stubFor(get(PATH).willReturn(okJson(TestKeys.keySetJson(B, A))));
        clock.advance(Duration.ofMinutes(2));

        assertTrue(verifier.verify(B.sign(B.singleReceipt())).isValid());
        server.verify(2, getRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void doesNotFetchAgainForUnknownKeyIdsWithinTheRefreshInterval() {
        server.stubFor(get(PATH).willReturn(okJson(TestKeys.keySetJson(A))));
        ReceiptVerifier verifier = verifier();
        verifier.keys();

        VerificationResult result = verifier.verify(B.sign(B.singleReceipt()));

        assertEquals(Optional.of(VerificationFailure.UNKNOWN_KEY_ID), result.failure());
        server.verify(1, getRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void serverDownMeansKeysUnavailable() {
        ReceiptVerifier verifier = verifier();
        server.stop();

        assertKeysUnavailable(verifier);
    }

    @Test
    void connectionResetMeansKeysUnavailable() {
        server.stubFor(get(PATH).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertKeysUnavailable(verifier());
    }

    @Test
    void serverErrorMeansKeysUnavailable() {
        server.stubFor(get(PATH).willReturn(aResponse().withStatus(500).withBody("{\"detail\": \"boom\"}")));

        ReceiptVerificationException e = assertKeysUnavailable(verifier());
        assertTrue(e.getMessage().contains("500"), e.getMessage());
        assertTrue(e.isRetryable());
    }

    @Test
    void slowServerTimesOut() {
        server.stubFor(get(PATH).willReturn(okJson(TestKeys.keySetJson(A)).withFixedDelay(1_000)));

        ReceiptVerificationException e = assertKeysUnavailable(verifier(Duration.ofMillis(200)));
        assertTrue(e.getCause() instanceof dev.llmring.LlmRingTimeoutException, String.valueOf(e.getCause()));
    }

    @Test
    void doesNotFollowRedirects() {
        server.stubFor(get(PATH).willReturn(aResponse().withStatus(302).withHeader("Location", "/elsewhere.json")));
        server.stubFor(get("/elsewhere.json").willReturn(okJson(TestKeys.keySetJson(A))));

        assertKeysUnavailable(verifier());
        server.verify(0, getRequestedFor(urlEqualTo("/elsewhere.json")));
    }

    @Test
    void refusesOversizedKeySet() {
        String huge = "{\"keys\": [], \"padding\": \"" + "x".repeat(70_000) + "\"}";
        server.stubFor(get(PATH).willReturn(okJson(huge)));

        ReceiptVerificationException e = assertKeysUnavailable(verifier());
        assertTrue(e.getMessage().contains("larger than"), e.getMessage());
    }

    @Test
    void refusesMalformedKeySet() {
        server.stubFor(get(PATH).willReturn(okJson("{\"keys\": [{\"key_id\": \"a\", \"public_key\": \"AAAA\"}]}")));

        assertKeysUnavailable(verifier());
    }

    @Test
    void refusesPlainHttpServerUrl() {
        assertThrows(IllegalArgumentException.class, () -> ReceiptVerifier.builder()
                .keysFromServer(URI.create("http://keys.example.com")));
    }

    @Test
    void refusesPlainHttpEvenOnLoopbackWithoutTheTestAllowance() {
        assertThrows(IllegalArgumentException.class, () -> ReceiptVerifier.builder()
                .keysFromServer(URI.create("http://127.0.0.1:" + server.port())));
    }

    @Test
    void pinnedKeysAndServerKeysAreExclusive() {
        assertThrows(IllegalStateException.class, () -> ReceiptVerifier.builder()
                .keys(A.keySet())
                .keysFromServer(URI.create("https://keys.example.com")));
    }

    private static ReceiptVerificationException assertKeysUnavailable(ReceiptVerifier verifier) {
        ReceiptVerificationException e =
                assertThrows(ReceiptVerificationException.class, () -> verifier.verify(A.sign(A.singleReceipt())));
        assertEquals(VerificationFailure.KEYS_UNAVAILABLE, e.reason());
        return e;
    }
}
