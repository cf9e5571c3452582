package dev.llmring;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static dev.llmring.RegistryFiles.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.lockfile.Format;
import dev.llmring.lockfile.Lockfile;
import dev.llmring.registry.Registry;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every response, streamed or not, carries its cost, priced from the snapshot the profile pins. */
class CostWiringTest extends WireMockSupport {
    /** 3 input tokens at $2/M and 5 output tokens at $4/M. */
    private static final BigDecimal CURRENT = new BigDecimal("0.000026");
    /** The same usage at snapshot 1's $1/M and $1/M. */
    private static final BigDecimal PINNED = new BigDecimal("0.000008");

    private static final Lockfile PINNING = Lockfile.parse(
            """
            [[profiles.default.bindings]]
            alias = "chat"
            models = ["a:m1"]

            [profiles.default.registry_versions]
            a = 1
            """,
            Format.TOML,
            "test");

    @TempDir
    Path dir;

    private RegistryFiles files;

    @BeforeEach
    void registry() {
        files = new RegistryFiles(dir)
                .current("a", model("m1", 2, 4, 100_000, 1_000))
                .document("a", 1, true, model("m1", 1, 1, 100_000, 1_000));
        server.stubFor(post("/a/chat").willReturn(answer("plain")));
        server.stubFor(post("/b/chat")
                .willReturn(sseAnswer(
                        sse("{\"text\":\"streamed\"}", "{\"usage\":{\"in\":3,\"out\":5}}", "{\"finish\":\"stop\"}"))));
    }

    private LlmRing.Builder pinned() {
        return ring().registry(files.registry())
                .poolResolver(new LockfileResolver(PINNING, PINNING.profile("default")));
    }

    private static void assertPriced(BigDecimal expected, int version, Cost cost) {
        assertEquals(Cost.Status.PRICED, cost.status(), cost.notes().toString());
        assertEquals(0, expected.compareTo(cost.total()), cost.toString());
        assertEquals(OptionalInt.of(version), cost.registryVersion());
    }

    @Test
    void aResponseIsPricedFromTheCurrentRegistryData() {
        try (LlmRing ring = ring().registry(files.registry()).build()) {
            assertPriced(CURRENT, 2, ring.chat(request("a:m1")).cost().orElseThrow());
        }
    }

    @Test
    void aStreamedResponseIsPricedFromTheCurrentRegistryData() {
        files.current("b", model("m1", 2, 4, 100_000, 1_000));
        try (LlmRing ring = ring().registry(files.registry()).build();
                ChatStream s = ring.stream(request("b:m1"))) {
            assertPriced(CURRENT, 2, s.response().cost().orElseThrow());
        }
    }

    @Test
    void aProfileThatPinsASnapshotIsPricedFromIt() {
        try (LlmRing ring = pinned().build()) {
            assertPriced(PINNED, 1, ring.chat(request("chat")).cost().orElseThrow());
        }
    }

    @Test
    void aStreamedResponseOfAPinningProfileIsPricedFromTheSnapshot() {
        server.stubFor(post("/a/chat")
                .willReturn(sseAnswer(
                        sse("{\"text\":\"streamed\"}", "{\"usage\":{\"in\":3,\"out\":5}}", "{\"finish\":\"stop\"}"))));
        try (LlmRing ring = pinned().build();
                ChatStream s = ring.stream(request("chat"))) {
            assertPriced(PINNED, 1, s.response().cost().orElseThrow());
        }
    }

    @Test
    void aModelTheRegistryDoesNotListIsUnpricedWithTheReason() {
        try (LlmRing ring = ring().registry(files.registry()).build()) {
            Cost cost = ring.chat(request("a:m9")).cost().orElseThrow();
            assertEquals(Cost.Status.MODEL_NOT_IN_REGISTRY, cost.status());
            assertTrue(cost.notes().get(0).contains("a:m9"), cost.notes().toString());
        }
    }

    @Test
    void aResponseWithoutUsageIsUnpricedNoUsage() {
        server.stubFor(post("/a/chat")
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("[{\"text\":\"x\"},{\"finish\":\"stop\"}]")));
        try (LlmRing ring = ring().registry(files.registry()).build()) {
            assertEquals(
                    Cost.Status.NO_USAGE,
                    ring.chat(request("a:m1")).cost().orElseThrow().status());
        }
    }

    @Test
    void anUnreachableRegistryNeverFailsTheCall() {
        Registry unreachable = Registry.builder()
                .baseUrl("http://127.0.0.1:1")
                .allowHttpLoopbackForTesting()
                .noDiskCache()
                .build();
        try (LlmRing ring = ring().registry(unreachable).build()) {
            ChatResponse r = ring.chat(request("a:m1"));
            assertEquals("plain", r.text());
            assertEquals(
                    Cost.Status.REGISTRY_UNAVAILABLE, r.cost().orElseThrow().status());
        }
    }

    @Test
    void withoutARegistryThereIsNoCost() {
        try (LlmRing ring = ring().build()) {
            assertTrue(ring.chat(request("a:m1")).cost().isEmpty());
        }
    }

    @Test
    void theDefaultRegistryIsTheOneTheEnvironmentNames() {
        Map<String, String> env = Map.of("LLMRING_REGISTRY_URL", dir.toUri().toString());
        try (LlmRing ring = LlmRing.builder()
                .discoverProviders(false)
                .environment(env::get)
                .provider(new TestProvider("a"))
                .apiKey("a", KEY)
                .baseUrl("a", base())
                .build()) {
            assertPriced(CURRENT, 2, ring.chat(request("a:m1")).cost().orElseThrow());
        }
    }

    @Test
    void theDefaultRegistryNeverHoldsUpACallWhileItsDataIsNotCached() {
        Map<String, String> env = Map.of(
                "LLMRING_REGISTRY_URL",
                "https://127.0.0.1:1",
                "XDG_CACHE_HOME",
                dir.resolve("cache").toString());
        try (LlmRing ring = LlmRing.builder()
                .discoverProviders(false)
                .environment(env::get)
                .provider(new TestProvider("a"))
                .apiKey("a", KEY)
                .baseUrl("a", base())
                .build()) {
            ChatResponse r = ring.chat(request("a:m1"));
            assertEquals("plain", r.text());
            Cost cost = r.cost().orElseThrow();
            assertEquals(Cost.Status.REGISTRY_UNAVAILABLE, cost.status());
            assertTrue(
                    cost.notes().get(0).contains("being fetched in the background"),
                    cost.notes().toString());
        }
    }
}
