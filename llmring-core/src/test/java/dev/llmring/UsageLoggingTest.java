package dev.llmring;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static dev.llmring.RegistryFiles.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.lockfile.Format;
import dev.llmring.lockfile.Lockfile;
import dev.llmring.receipts.ServerClient;
import dev.llmring.receipts.UsageRecord;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every finished call reports one usage record to the llmring server; reporting never fails a call. */
class UsageLoggingTest extends WireMockSupport {
    private static final Lockfile LOCK = Lockfile.parse(
            """
            [[profiles.default.bindings]]
            alias = "chat"
            models = ["a:m1", "b:m2"]
            """,
            Format.TOML,
            "test");

    @TempDir
    Path dir;

    private final List<UsageRecord> records = new CopyOnWriteArrayList<>();

    private LlmRing.Builder logging() {
        return ring().poolResolver(new LockfileResolver(LOCK, LOCK.profile("default")))
                .usageSink(records::add);
    }

    @Test
    void aCallIsReportedOnceWithItsBindingTokensCostLatencyAndLockDigest() {
        server.stubFor(post("/a/chat").willReturn(error(503, "overloaded")));
        server.stubFor(post("/b/chat").willReturn(answer("x")));
        RegistryFiles files = new RegistryFiles(dir).current("b", model("m2", 2, 4, 1_000, 100));
        try (LlmRing ring = logging()
                .retryPolicy(RetryPolicy.none())
                .registry(files.registry())
                .build()) {
            ring.chat(request("chat"));
        }
        assertEquals(1, records.size());
        UsageRecord r = records.get(0);
        assertEquals("chat", r.alias());
        assertEquals(Optional.of("default"), r.profile());
        assertEquals("b:m2", r.binding());
        assertEquals(3, r.usage().inputTokens());
        assertEquals(5, r.usage().outputTokens());
        assertEquals(0, new BigDecimal("0.000026").compareTo(r.cost().orElseThrow()));
        assertEquals(Optional.of(LOCK.digest()), r.lockDigest());
        assertEquals(Optional.of("req-x"), r.requestId());
        assertFalse(r.latency().isNegative());
    }

    @Test
    void aStreamedCallIsReportedOnceWhenItEnds() {
        server.stubFor(post("/a/chat")
                .willReturn(sseAnswer(
                        sse("{\"text\":\"hi\"}", "{\"usage\":{\"in\":7,\"out\":2}}", "{\"finish\":\"stop\"}"))));
        try (LlmRing ring = logging().build();
                ChatStream stream = ring.stream(request("chat"))) {
            assertTrue(records.isEmpty());
            stream.response();
        }
        assertEquals(1, records.size());
        assertEquals(7, records.get(0).usage().inputTokens());
        assertTrue(records.get(0).cost().isEmpty());
    }

    @Test
    void aFailedCallIsNotReported() {
        server.stubFor(post("/a/chat").willReturn(error(400, "invalid")));
        try (LlmRing ring = logging().build()) {
            assertThrows(InvalidRequestException.class, () -> ring.chat(request("chat")));
        }
        assertTrue(records.isEmpty());
    }

    @Test
    void aSinkThatThrowsNeverFailsTheCall() {
        server.stubFor(post("/a/chat").willReturn(answer("x")));
        try (LlmRing ring = logging()
                .usageSink(r -> {
                    throw new IllegalStateException("server client bug");
                })
                .build()) {
            assertEquals("x", ring.chat(request("chat")).text());
        }
    }

    @Test
    void withoutALockfileTheRecordHasNoDigest() {
        server.stubFor(post("/a/chat").willReturn(answer("x")));
        try (LlmRing ring = ring().usageSink(records::add).build()) {
            ring.chat(request("a:m1"));
        }
        assertEquals("a:m1", records.get(0).alias());
        assertTrue(records.get(0).lockDigest().isEmpty());
    }

    @Test
    void aServerClientMadeFromTheEnvironmentIsClosedWithTheClient() {
        Map<String, String> env =
                Map.of("LLMRING_SERVER_URL", "https://127.0.0.1:1", "LLMRING_API_KEY", "test-key-123");
        LlmRing ring = ring().environment(env::get).serverFromEnvironment().build();
        ServerClient owned = ring.ownedServer();
        assertEquals(URI.create("https://127.0.0.1:1"), owned.serverUrl());
        ring.close();
        assertFalse(owned.logUsage(
                UsageRecord.builder().alias("x").provider("a").model("m").build()));
    }

    @Test
    void aGivenServerClientIsLeftOpen() {
        try (ServerClient given = ServerClient.builder()
                .serverUrl(URI.create("https://127.0.0.1:1"))
                .apiKey("test-key-123")
                .closeTimeout(Duration.ZERO)
                .build()) {
            ring().server(given).build().close();
            assertTrue(given.logUsage(
                    UsageRecord.builder().alias("x").provider("a").model("m").build()));
        }
    }

    @Test
    void serverFromEnvironmentWithoutAUrlReportsNothing() {
        LlmRing ring = ring().serverFromEnvironment().build();
        assertNull(ring.ownedServer());
        ring.close();
    }

    @Test
    void serverFromEnvironmentWithAUrlButNoKeyFailsTheBuild() {
        Map<String, String> env = Map.of("LLMRING_SERVER_URL", "https://127.0.0.1:1");
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> ring().environment(env::get).serverFromEnvironment().build());
        assertTrue(e.getMessage().contains("LLMRING_API_KEY"), e.getMessage());
    }
}
