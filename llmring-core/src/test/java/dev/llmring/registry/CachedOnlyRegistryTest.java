package dev.llmring.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.testsupport.MutableClock;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Registry#cachedOnly()}: answers from memory or disk, however old, never fetches, never waits for a fetch
 * under way, and shares its registry's memory (a document parsed once, held once).
 */
class CachedOnlyRegistryTest {
    private static final String CURRENT = "openai/models.json";

    @TempDir
    Path cache;

    private final RegistryServer server = new RegistryServer();
    private final MutableClock clock = new MutableClock(Instant.parse("2030-02-01T00:00:00Z"));

    @AfterEach
    void stop() {
        server.close();
    }

    private Registry registry() {
        return server.registry(cache).clock(clock).ttl(Duration.ofHours(24)).build();
    }

    @Test
    void withNothingCachedItFailsWithoutFetching() {
        Registry view = registry().cachedOnly();
        RegistryException e = assertThrows(RegistryUnavailableException.class, () -> view.models("openai"));
        assertTrue(e.getMessage().contains("no cached data for openai"), e.getMessage());
        assertThrows(RegistryUnavailableException.class, () -> view.models("openai", 2));
        view.toString(); // no fetch either
        assertEquals(0, server.wm.getAllServeEvents().size());
    }

    @Test
    void itServesTheDiskCopyHoweverOldAndNeverFetches() {
        registry().models("openai");
        clock.advance(Duration.ofDays(30));
        Registry view = registry().cachedOnly();
        assertEquals(3, view.currentVersion("openai"));
        view.refresh("openai");
        assertEquals(1, server.requests(CURRENT));
    }

    @Test
    void itSharesItsRegistrysMemorySoADocumentIsParsedAndHeldOnce() {
        Registry online = server.registry(cache).clock(clock).noDiskCache().build();
        Registry view = online.cachedOnly();
        assertThrows(RegistryUnavailableException.class, () -> view.models("openai"));
        ModelInfo fetched = online.models("openai").get(0);
        assertSame(fetched, view.models("openai").get(0));
        assertSame(view, view.cachedOnly());
        assertEquals(1, server.requests(CURRENT));
    }

    @Test
    void aDocumentTheViewReadFromDiskIsTheOneItsRegistryServesWhileFresh() {
        registry().models("openai");
        Registry online = registry();
        ModelInfo read = online.cachedOnly().models("openai").get(0);
        assertSame(read, online.models("openai").get(0));
        assertEquals(1, server.requests(CURRENT));
    }

    /**
     * The registry's copy is stale, so its lookup fetches; the server holds that fetch until the view has answered. Were
     * the view to wait for the fetch, the two would wait for each other and the view would not answer within 20 s.
     */
    @Test
    void itDoesNotWaitForAFetchUnderWay() throws Exception {
        clock.advance(Duration.ofHours(25));
        byte[] body = Files.readAllBytes(RegistryServer.FIXTURE.resolve(CURRENT));
        CountDownLatch fetching = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (ServerSocket slow = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // one request, answered only once the view has answered
            Thread server = new Thread(() -> {
                try (Socket s = slow.accept()) {
                    fetching.countDown();
                    release.await();
                    String head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                            + "\r\nConnection: close\r\n\r\n";
                    OutputStream out = s.getOutputStream();
                    out.write(head.getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                } catch (Exception e) {
                    // the test fails on its own assertions
                }
            });
            server.setDaemon(true);
            server.start();
            // a copy fetched 25 hours ago: stale for the registry, good enough for the view
            Path sameCache = cache.resolve("slow");
            String slowBase = "http://127.0.0.1:" + slow.getLocalPort() + "/registry";
            new DiskCache(sameCache, slowBase).write("openai", null, body, Instant.parse("2030-02-01T00:00:00Z"));
            Registry online = Registry.builder()
                    .baseUrl(slowBase)
                    .allowHttpLoopbackForTesting()
                    .cacheDirectory(sameCache)
                    .clock(clock)
                    .timeout(Duration.ofMinutes(5)) // a view waiting for the fetch would wait past the test's timeout
                    .build();
            CompletableFuture<Integer> fetch = inThread(() -> online.currentVersion("openai"));
            assertTrue(fetching.await(20, TimeUnit.SECONDS), "the stale copy was not refetched");
            CompletableFuture<Integer> viewed =
                    inThread(() -> online.cachedOnly().currentVersion("openai"));
            assertEquals(3, viewed.get(20, TimeUnit.SECONDS), "the view waited for the fetch");
            release.countDown();
            assertEquals(3, fetch.get(20, TimeUnit.SECONDS));
        } finally {
            release.countDown();
        }
    }

    private static <T> CompletableFuture<T> inThread(Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread t = new Thread(() -> result.complete(work.get()));
        t.setDaemon(true);
        t.start();
        return result;
    }
}
