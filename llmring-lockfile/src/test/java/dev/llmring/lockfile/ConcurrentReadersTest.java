package dev.llmring.lockfile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentReadersTest {
    @TempDir
    Path dir;

    @Test
    void manyThreadsResolveThroughOneInstanceAtOnce() throws Exception {
        Path jar = Fixtures.jar(
                dir.resolve("pkg.jar"),
                Map.of("META-INF/llmring/acme-summaries/llmring.lock", ResolutionTest.PACKAGE_LOCK));
        Fixtures.write(dir.resolve("llmring.lock"), ResolutionTest.CONSUMER_LOCK);
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (URLClassLoader loader = Fixtures.loaderOf(jar)) {
            Lockfile lock = Lockfile.discover(Discovery.builder()
                    .workingDirectory(dir)
                    .environment(k -> null)
                    .classLoader(loader)
                    .build());
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<Integer> reader = () -> {
                    start.await();
                    int checked = 0;
                    for (int i = 0; i < 200; i++) {
                        assertEquals(
                                "anthropic:claude-sonnet-4-5-20250929",
                                lock.resolve("assistant", "default", ResolutionTest.PROVIDERS)
                                        .get(0)
                                        .toString());
                        assertEquals(
                                "openai:gpt-4o-mini",
                                lock.resolve("acme-summaries:summarizer", "default", ResolutionTest.PROVIDERS)
                                        .get(0)
                                        .toString());
                        assertEquals(
                                "anthropic:claude-sonnet-4-5-20250929",
                                lock.resolve("acme-summaries:summarizer", "prod", ResolutionTest.PROVIDERS)
                                        .get(0)
                                        .toString());
                        assertEquals(64, lock.digest().length());
                        checked++;
                    }
                    return checked;
                };
                results.add(pool.submit(reader));
            }
            start.countDown();
            for (Future<Integer> result : results) {
                assertEquals(200, result.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
