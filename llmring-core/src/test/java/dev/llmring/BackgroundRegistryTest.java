package dev.llmring;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.llmring.RegistryFiles.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.registry.ModelInfo;
import dev.llmring.registry.Registry;
import dev.llmring.registry.RegistryException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default registry: read from cache on the call path, fetched in the background. */
class BackgroundRegistryTest extends WireMockSupport {
    private static final String DOC = "/registry/a/models.json";

    @TempDir
    Path cache;

    private final List<Runnable> queued = new ArrayList<>();
    private final Executor later = queued::add;

    @BeforeEach
    void serveRegistry() {
        server.stubFor(get(DOC).willReturn(aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"provider\":\"a\",\"version\":2,\"models\":{"
                        + model("m1", 2, 4, 1000, 100).replace("PROVIDER", "a") + "}}")));
    }

    private Registry registry(boolean offline) {
        return Registry.builder()
                .baseUrl(base() + "/registry")
                .allowHttpLoopbackForTesting()
                .cacheDirectory(cache)
                .clock(time)
                .offline(offline)
                .build();
    }

    private BackgroundRegistry background(Executor executor) {
        Registry online = registry(false);
        return new BackgroundRegistry(online.cachedOnly(), online, executor, time, Duration.ofSeconds(5));
    }

    private void runQueued() {
        List<Runnable> now = new ArrayList<>(queued);
        queued.clear();
        now.forEach(Runnable::run);
    }

    @Test
    void aFirstLookupDoesNotWaitButStartsABackgroundFetch() {
        BackgroundRegistry r = background(later);
        RegistryException e = assertThrows(RegistryException.class, () -> r.model("a", "m1", Optional.empty(), false));
        assertTrue(e.getMessage().contains("being fetched in the background"), e.getMessage());
        server.verify(0, getRequestedFor(urlEqualTo(DOC)));
        assertEquals(1, queued.size());

        runQueued();
        server.verify(1, getRequestedFor(urlEqualTo(DOC)));
        assertEquals(
                "m1", r.model("a", "m1", Optional.empty(), false).orElseThrow().modelName());
    }

    @Test
    void aLookupThatMayWaitWaitsForTheFetchUnderWay() {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Optional<ModelInfo> m = background(executor).model("a", "m1", Optional.empty(), true);
            assertEquals(Optional.of(2), m.map(i -> i.inputPrice().orElseThrow().intValue()));
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aFailedFetchIsRetriedOnlyAfterFiveMinutes() {
        server.stubFor(get(DOC).willReturn(aResponse().withStatus(503)));
        BackgroundRegistry r = background(later);
        assertThrows(RegistryException.class, () -> r.model("a", "m1", Optional.empty(), false));
        runQueued();
        time.advance(Duration.ofMinutes(4));
        assertThrows(RegistryException.class, () -> r.model("a", "m1", Optional.empty(), false));
        assertEquals(0, queued.size());
        time.advance(Duration.ofMinutes(2));
        assertThrows(RegistryException.class, () -> r.model("a", "m1", Optional.empty(), false));
        assertEquals(1, queued.size());
    }

    @Test
    void cachedDataIsCheckedInTheBackgroundAtMostHourly() {
        BackgroundRegistry r = background(later);
        assertThrows(RegistryException.class, () -> r.model("a", "m1", Optional.empty(), false));
        runQueued();
        r.model("a", "m1", Optional.empty(), false);
        assertEquals(0, queued.size());
        time.advance(Duration.ofMinutes(30));
        r.model("a", "m1", Optional.empty(), false);
        assertEquals(0, queued.size());
        time.advance(Duration.ofMinutes(31));
        r.model("a", "m1", Optional.empty(), false);
        assertEquals(1, queued.size());
        server.verify(1, getRequestedFor(urlEqualTo(DOC)));
    }
}
