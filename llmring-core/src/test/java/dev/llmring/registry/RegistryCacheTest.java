package dev.llmring.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.testsupport.MutableClock;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The disk cache: hits, misses, staleness, offline use, corruption, snapshots kept forever. */
class RegistryCacheTest {
    private static final String CURRENT = "openai/models.json";

    @TempDir
    Path cache;

    private final RegistryServer server = new RegistryServer();
    private final MutableClock clock = new MutableClock(Instant.parse("2030-02-01T00:00:00Z"));
    private final List<String> warnings = new ArrayList<>();

    @AfterEach
    void stop() {
        server.close();
    }

    private Registry registry() {
        return server.registry(cache)
                .clock(clock)
                .ttl(Duration.ofHours(24))
                .warnings(warnings::add)
                .build();
    }

    private void registryGoesDown() {
        server.wm.resetAll();
        server.wm.stubFor(
                get(urlEqualTo("/registry/" + CURRENT)).willReturn(aResponse().withStatus(503)));
    }

    @Test
    void secondRegistryWithinTtlIsServedFromDisk() {
        registry().models("openai");
        clock.advance(Duration.ofHours(23));
        registry().models("openai");
        assertEquals(1, server.requests(CURRENT));
    }

    @Test
    void sameRegistryWithinTtlIsServedFromMemory() {
        Registry r = registry();
        r.models("openai");
        r.model("openai", "fixture-small");
        r.currentVersion("openai");
        assertEquals(1, server.requests(CURRENT));
    }

    @Test
    void dataOlderThanTtlIsRefetched() {
        Registry r = registry();
        r.models("openai");
        clock.advance(Duration.ofHours(25));
        r.models("openai");
        assertEquals(2, server.requests(CURRENT));
    }

    @Test
    void staleDataIsServedWhenRefreshFails() {
        registry().models("openai");
        clock.advance(Duration.ofHours(25));
        registryGoesDown();
        assertEquals(
                new BigDecimal("2.5"),
                registry()
                        .model("openai", "fixture-large")
                        .orElseThrow()
                        .inputPrice()
                        .orElseThrow());
    }

    @Test
    void servingStaleDataWarnsOnce() {
        registry().models("openai");
        clock.advance(Duration.ofHours(25));
        registryGoesDown();
        Registry r = registry();
        r.models("openai");
        clock.advance(RegistryStore.RETRY_AFTER_FAILURE.plusSeconds(1));
        r.models("openai");
        r.models("openai");
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("openai"), warnings.get(0));
    }

    @Test
    void afterAFailedRefreshTheSourceIsNotAskedAgainForAWhile() {
        registry().models("openai");
        clock.advance(Duration.ofHours(25));
        registryGoesDown();
        Registry r = registry();
        r.models("openai");
        r.models("openai");
        r.models("openai");
        assertEquals(1, server.requests(CURRENT));
    }

    @Test
    void unreachableRegistryWithoutCacheIsRegistryUnavailableException() {
        registryGoesDown();
        RegistryException e = assertThrows(
                RegistryUnavailableException.class, () -> registry().models("openai"));
        assertTrue(e.getMessage().contains("503"), e.getMessage());
    }

    @Test
    void offlineRegistryServesCacheWhateverItsAgeWithoutFetching() {
        registry().models("openai");
        clock.advance(Duration.ofDays(30));
        Registry offline = server.registry(cache).clock(clock).offline(true).build();
        assertEquals(3, offline.currentVersion("openai"));
        assertEquals(1, server.requests(CURRENT));
    }

    @Test
    void offlineRegistryWithoutCacheIsRegistryUnavailableException() {
        Registry offline = server.registry(cache).clock(clock).offline(true).build();
        assertThrows(RegistryUnavailableException.class, () -> offline.models("openai"));
        assertEquals(0, server.wm.getAllServeEvents().size());
    }

    @Test
    void corruptCacheFileIsIgnoredAndRefetched() throws Exception {
        registry().models("openai");
        Path file = new DiskCache(cache, server.baseUrl()).file("openai", null);
        Files.writeString(file, "llmring-registry-cache 1 " + clock.millis() + " 00\n{\"models\": {trunc");
        assertEquals(3, registry().currentVersion("openai"));
        assertEquals(2, server.requests(CURRENT));
    }

    @Test
    void cacheFileWithValidChecksumButNoRegistryDocumentIsRefetched() {
        DiskCache disk = new DiskCache(cache, server.baseUrl());
        disk.write("openai", null, "[1, 2, 3]".getBytes(StandardCharsets.UTF_8), clock.instant());
        assertEquals(3, registry().currentVersion("openai"));
        assertEquals(1, server.requests(CURRENT));
    }

    @Test
    void snapshotsAreCachedForever() {
        registry().models("openai", 2);
        clock.advance(Duration.ofDays(365));
        registry().model("openai", "fixture-large", 2);
        assertEquals(1, server.requests("openai/v/2/models.json"));
    }

    @Test
    void refreshFetchesDespiteFreshCache() {
        Registry r = registry();
        r.models("openai");
        r.refresh("openai");
        assertEquals(2, server.requests(CURRENT));
    }

    @Test
    void cachesOfDifferentRegistriesAreKeptApart() {
        assertTrue(!new DiskCache(cache, "https://a.example/registry")
                .file("openai", null)
                .equals(new DiskCache(cache, "https://b.example/registry").file("openai", null)));
    }

    @Test
    void noDiskCacheWritesNothing() throws Exception {
        server.registry(cache).noDiskCache().build().models("openai");
        try (var files = Files.list(cache)) {
            assertEquals(0, files.count());
        }
    }
}
