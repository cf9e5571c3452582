package dev.llmring.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskCacheTest {
    @TempDir
    Path root;

    @Test
    void roundTripsBodyAndFetchTime() {
        DiskCache c = new DiskCache(root, "https://r.example");
        Instant t = Instant.parse("2030-01-01T00:00:00Z");
        c.write("openai", 3, "{\"models\":{}}".getBytes(StandardCharsets.UTF_8), t);
        DiskCache.Entry e = c.read("openai", 3).orElseThrow();
        assertEquals("{\"models\":{}}", new String(e.body(), StandardCharsets.UTF_8));
        assertEquals(t, e.fetchedAt());
    }

    @Test
    void truncatedFileIsIgnored() throws Exception {
        DiskCache c = new DiskCache(root, "https://r.example");
        c.write("openai", null, "{\"models\":{\"a\":{}}}".getBytes(StandardCharsets.UTF_8), Instant.EPOCH);
        Path f = c.file("openai", null);
        byte[] all = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(all, all.length - 3));
        assertEquals(Optional.empty(), c.read("openai", null));
    }

    @Test
    void concurrentWritersNeverLeaveAMixedFile() throws Exception {
        DiskCache c = new DiskCache(root, "https://r.example");
        Set<String> bodies = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 8; i++) bodies.add("{\"writer\":" + i + ",\"pad\":\"" + "x".repeat(20_000 + i) + "\"}");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> readersOk = new ArrayList<>();
        List<Future<?>> writers = new ArrayList<>();
        try {
            for (String body : bodies) {
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int n = 0; n < 20; n++) {
                        c.write("openai", null, body.getBytes(StandardCharsets.UTF_8), Instant.EPOCH);
                    }
                    return null;
                }));
            }
            for (int r = 0; r < 4; r++) {
                readersOk.add(pool.submit(() -> {
                    start.await();
                    for (int n = 0; n < 50; n++) {
                        Optional<DiskCache.Entry> e = c.read("openai", null);
                        if (e.isPresent() && !bodies.contains(new String(e.get().body(), StandardCharsets.UTF_8))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            start.countDown();
            for (Future<Boolean> ok : readersOk) assertTrue(ok.get());
            for (Future<?> w : writers) w.get();
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertTrue(
                bodies.contains(new String(c.read("openai", null).orElseThrow().body(), StandardCharsets.UTF_8)));
        try (var files = Files.list(c.file("openai", null).getParent())) {
            assertEquals(1, files.count(), "no temporary files left behind");
        }
    }
}
