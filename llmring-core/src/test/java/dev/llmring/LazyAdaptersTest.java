package dev.llmring;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.spi.ProviderAdapter;
import dev.llmring.spi.ProviderConfig;
import dev.llmring.spi.ProviderFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A provider's adapter is created when a call first reaches it, once, and never for a provider no call uses. */
class LazyAdaptersTest extends WireMockSupport {

    /** A factory that counts its {@code create} calls and delegates to the test dialect, or fails. */
    private static final class Counting implements ProviderFactory {
        final AtomicInteger created = new AtomicInteger();
        private final ProviderFactory delegate;
        private final boolean fails;

        Counting(String name, boolean fails) {
            this.delegate = new TestProvider(name);
            this.fails = fails;
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public List<String> apiKeyEnvironmentVariables() {
            return delegate.apiKeyEnvironmentVariables();
        }

        @Override
        public ProviderAdapter create(ProviderConfig config) {
            created.incrementAndGet();
            if (fails) throw new IllegalArgumentException("unusable base URL for " + config.name());
            return delegate.create(config);
        }
    }

    private LlmRing.Builder client(ProviderFactory... factories) {
        LlmRing.Builder b = LlmRing.builder()
                .discoverProviders(false)
                .environment(Map.<String, String>of()::get)
                .clock(time)
                .sleeper(time)
                .noRegistry();
        for (ProviderFactory f : factories) {
            b.provider(f).apiKey(f.name(), KEY).baseUrl(f.name(), base());
        }
        return b;
    }

    @Test
    void anAdapterIsCreatedOnFirstUseOnceAndNeverForAProviderNoCallReaches() {
        server.stubFor(post("/a/chat").willReturn(answer("x")));
        Counting a = new Counting("a", false);
        Counting b = new Counting("b", false);
        try (LlmRing ring = client(a, b).build()) {
            assertEquals(0, a.created.get(), "created at build");
            assertEquals(0, b.created.get(), "created at build");
            ring.chat(request("a:m1"));
            ring.chat(request("a:m2"));
            assertEquals(1, a.created.get());
            assertEquals(0, b.created.get());
        }
    }

    @Test
    void aFactoryThatFailsIsAskedOnceAndItsProblemIsTheReasonItsBindingsAreSkipped() {
        Counting bad = new Counting("a", true);
        try (LlmRing ring = client(bad).build()) {
            for (int i = 0; i < 2; i++) {
                NoUsableBindingException e =
                        assertThrows(NoUsableBindingException.class, () -> ring.chat(request("a:m1")));
                assertTrue(
                        e.getMessage().contains("provider 'a' could not be configured: unusable base URL for a"),
                        e.getMessage());
            }
            assertEquals(1, bad.created.get());
        }
    }

    @Test
    void aCompatibleProviderIsCreatedOnlyWhenUsedUnderItsOwnName() {
        server.stubFor(post("/my-llm/chat").willReturn(answer("x")));
        Counting a = new Counting("a", false);
        try (LlmRing ring = client(a)
                .compatibleProvider("my-llm", "a", base())
                .apiKey("my-llm", KEY)
                .build()) {
            assertEquals(0, a.created.get());
            ring.chat(request("my-llm:m1"));
            assertEquals(1, a.created.get());
        }
    }

    @Test
    void callersRacingToTheFirstUseShareOneAdapter() throws Exception {
        AtomicInteger created = new AtomicInteger();
        CountDownLatch second = new CountDownLatch(1);
        TestProvider dialect = new TestProvider("a");
        ProviderFactory slow = new ProviderFactory() {
            @Override
            public String name() {
                return "a";
            }

            @Override
            public List<String> apiKeyEnvironmentVariables() {
                return List.of();
            }

            @Override
            public ProviderAdapter create(ProviderConfig config) {
                // the first creator waits a little for a second one: without the lock, a second one comes
                if (created.incrementAndGet() == 1) {
                    try {
                        second.await(300, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                } else {
                    second.countDown();
                }
                return dialect.create(config);
            }
        };
        Providers providers =
                Providers.create(Map.of("a", slow), List.of(), Map.of(), Map.of(), Map.<String, String>of()::get);
        Providers.Slot slot = providers.get("a");
        assertNotNull(slot);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ProviderAdapter>> adapters = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                adapters.add(pool.submit(() -> {
                    start.await();
                    return slot.adapter();
                }));
            }
            start.countDown();
            ProviderAdapter first = adapters.get(0).get(10, TimeUnit.SECONDS);
            assertNotNull(first);
            for (Future<ProviderAdapter> f : adapters) assertSame(first, f.get(10, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, created.get());
        assertNull(slot.problem());
    }
}
