package dev.llmring.receipts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.llmring.AuthenticationException;
import dev.llmring.Usage;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server client against a WireMock llmring server on loopback (plain HTTP allowed for tests only). */
class ServerClientTest {
    private static final String API_KEY = "test-key-123";
    private static final TestKeys KEYS = TestKeys.generate("server-key");

    private final WireMockServer server = new WireMockServer(options().dynamicPort());
    private ServerClient client;

    @BeforeEach
    void start() {
        server.start();
        server.stubFor(post("/api/v1/log")
                .willReturn(
                        okJson("{\"log_id\": \"3f7c\", \"cost\": 0.000303, \"timestamp\": \"2025-10-02T12:00:00\"}")));
        server.stubFor(get("/api/v1/receipts/public-keys.json").willReturn(okJson(TestKeys.keySetJson(KEYS))));
        client = client(Duration.ofSeconds(5), 100);
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop();
    }

    private ServerClient client(Duration timeout, int capacity) {
        return ServerClient.builder()
                .allowLoopbackHttpForTests()
                .serverUrl(URI.create("http://127.0.0.1:" + server.port()))
                .apiKey(API_KEY)
                .timeout(timeout)
                .queueCapacity(capacity)
                .build();
    }

    private static UsageRecord record(BigDecimal cost) {
        return UsageRecord.builder()
                .alias("summarizer")
                .profile("prod")
                .provider("anthropic")
                .model("claude-3-5-haiku")
                .usage(Usage.builder()
                        .inputTokens(150)
                        .cachedInputTokens(100)
                        .outputTokens(300)
                        .reasoningTokens(20)
                        .build())
                .cost(cost)
                .latency(Duration.ofMillis(840))
                .lockDigest("sha256:4f1c0ffee")
                .build();
    }

    @Test
    void postsUsageRecordInTheServersShapeWithTheApiKeyHeader() {
        assertTrue(client.logUsage(record(new BigDecimal("0.000303"))));
        client.close();

        server.verify(
                1,
                postRequestedFor(urlEqualTo("/api/v1/log"))
                        .withHeader("X-API-Key", equalTo(API_KEY))
                        .withHeader("Authorization", absent())
                        .withRequestBody(
                                equalToJson(
                                        "{\"provider\": \"anthropic\", \"model\": \"claude-3-5-haiku\","
                                                + " \"input_tokens\": 150, \"output_tokens\": 300, \"cached_input_tokens\": 100,"
                                                + " \"alias\": \"summarizer\", \"profile\": \"prod\", \"cost\": 0.000303, \"latency_ms\": 840,"
                                                + " \"origin\": \"llmring-java\", \"metadata\": {\"binding\": \"anthropic:claude-3-5-haiku\","
                                                + " \"lock_digest\": \"sha256:4f1c0ffee\", \"cache_write_tokens\": 0, \"reasoning_tokens\": 20}}")));
        assertEquals(1, client.sentUsageLogs());
    }

    @Test
    void leavesCostOutWhenItIsUnknownSoTheServerPricesIt() {
        client.logUsage(record(null));
        client.close();

        String body = server.getAllServeEvents().get(0).getRequest().getBodyAsString();
        assertFalse(body.contains("\"cost\""), body);
    }

    @Test
    void neverSendsPromptsBecauseTheRecordHasNone() {
        client.logUsage(record(null));
        client.close();

        Map<String, Object> body = dev.llmring.internal.receipts.JsonTree.parseObject(
                server.getAllServeEvents().get(0).getRequest().getBodyAsString());
        assertEquals(
                List.of(
                        "provider",
                        "model",
                        "input_tokens",
                        "output_tokens",
                        "cached_input_tokens",
                        "alias",
                        "profile",
                        "latency_ms",
                        "origin",
                        "metadata"),
                List.copyOf(body.keySet()));
    }

    @Test
    void serverErrorDropsTheRecordWithoutFailingTheCaller() {
        server.stubFor(post("/api/v1/log").willReturn(aResponse().withStatus(500)));

        assertTrue(client.logUsage(record(null)));
        client.close();

        assertEquals(1, client.droppedUsageLogs());
        assertEquals(0, client.sentUsageLogs());
    }

    @Test
    void serverDownDropsTheRecordWithoutFailingTheCaller() {
        server.stop();

        assertTrue(client.logUsage(record(null)));
        client.close();

        assertEquals(1, client.droppedUsageLogs());
    }

    @Test
    void slowServerTimesOutAndTheRecordIsDropped() {
        server.stubFor(post("/api/v1/log").willReturn(okJson("{}").withFixedDelay(1_000)));
        ServerClient slow = client(Duration.ofMillis(150), 10);

        slow.logUsage(record(null));
        slow.close();

        assertEquals(1, slow.droppedUsageLogs());
    }

    @Test
    void slowServerFillsTheBoundedQueueAndFurtherRecordsAreDroppedAtOnce() {
        server.stubFor(post("/api/v1/log").willReturn(okJson("{}").withFixedDelay(1_000)));
        ServerClient slow = client(Duration.ofSeconds(5), 1);

        assertTrue(slow.logUsage(record(null)));
        assertFalse(slow.logUsage(record(null)));
        assertFalse(slow.logUsage(record(null)));

        assertEquals(2, slow.droppedUsageLogs());
        slow.close();
        assertEquals(1, slow.sentUsageLogs());
    }

    @Test
    void closeFlushesQueuedRecords() {
        for (int i = 0; i < 20; i++) {
            client.logUsage(record(null));
        }

        client.close();

        server.verify(20, postRequestedFor(urlEqualTo("/api/v1/log")));
        assertEquals(0, client.pendingUsageLogs());
    }

    @Test
    void fetchesAReceiptAndVerifiesItWithTheServersKeys() {
        String json = KEYS.sign(KEYS.singleReceipt());
        server.stubFor(get("/api/v1/receipts/rcpt_0123456789abcdef").willReturn(okJson(json)));

        Receipt receipt = client.fetchReceipt("rcpt_0123456789abcdef").orElseThrow();

        assertTrue(client.verifier().verify(receipt).isValid());
        assertEquals(new BigDecimal("0.000123"), receipt.inputCost());
    }

    @Test
    void fetchesReceiptsWithTheApiKey() {
        server.stubFor(get("/api/v1/receipts/r1").willReturn(okJson(KEYS.sign(KEYS.singleReceipt()))));

        client.fetchReceipt("r1");

        server.verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlEqualTo("/api/v1/receipts/r1"))
                .withHeader("X-API-Key", equalTo(API_KEY)));
    }

    @Test
    void unknownReceiptIsEmpty() {
        server.stubFor(get("/api/v1/receipts/nope")
                .willReturn(aResponse().withStatus(404).withBody("{\"detail\": \"Receipt not found\"}")));

        assertEquals(Optional.empty(), client.fetchReceipt("nope"));
    }

    @Test
    void listsReceipts() {
        String page = "{\"receipts\": [" + KEYS.sign(KEYS.singleReceipt()) + ", " + KEYS.sign(KEYS.batchReceipt())
                + "], \"total\": 2, \"limit\": 10, \"offset\": 0}";
        server.stubFor(get("/api/v1/receipts/?limit=10&offset=0").willReturn(okJson(page)));

        List<Receipt> receipts = client.listReceipts(10, 0);

        assertEquals(2, receipts.size());
        assertTrue(receipts.stream().allMatch(r -> client.verifier().verify(r).isValid()));
    }

    @Test
    void generatesAReceiptForLogsNotYetCertified() {
        server.stubFor(post("/api/v1/receipts/generate")
                .willReturn(okJson("{\"receipt\": " + KEYS.sign(KEYS.batchReceipt()) + ", \"certified_count\": 2}")));

        Receipt receipt = client.generateReceiptForUncertifiedLogs("October billing");

        assertTrue(receipt.isBatch());
        server.verify(postRequestedFor(urlEqualTo("/api/v1/receipts/generate"))
                .withRequestBody(equalToJson("{\"since_last_receipt\": true, \"description\": \"October billing\"}")));
    }

    @Test
    void refusedApiKeyIsAnAuthenticationError() {
        server.stubFor(get("/api/v1/receipts/r1")
                .willReturn(aResponse().withStatus(401).withBody("{\"detail\": \"X-API-Key header required\"}")));

        AuthenticationException e = assertThrows(AuthenticationException.class, () -> client.fetchReceipt("r1"));
        assertFalse(e.getMessage().contains(API_KEY));
    }

    @Test
    void isOffWhenTheEnvironmentNamesNoServer() {
        assertEquals(Optional.empty(), ServerClient.fromEnvironment(name -> null));
    }

    @Test
    void isConfiguredFromTheEnvironment() {
        Map<String, String> env =
                Map.of("LLMRING_SERVER_URL", "https://llmring.example.com/", "LLMRING_API_KEY", API_KEY);

        try (ServerClient fromEnv = ServerClient.fromEnvironment(env::get).orElseThrow()) {
            assertEquals(URI.create("https://llmring.example.com"), fromEnv.serverUrl());
        }
    }

    @Test
    void environmentWithUrlButNoKeyIsAnError() {
        assertThrows(
                IllegalArgumentException.class,
                () -> ServerClient.fromEnvironment(Map.of("LLMRING_SERVER_URL", "https://llmring.example.com")::get));
    }

    @Test
    void refusesPlainHttpServer() {
        assertThrows(IllegalArgumentException.class, () -> ServerClient.builder()
                .serverUrl(URI.create("http://llmring.example.com")));
    }

    @Test
    void neverShowsTheApiKey() {
        assertFalse(client.toString().contains(API_KEY));
    }
}
