package dev.llmring;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.limits.Admission;
import dev.llmring.limits.LimitedAttempt;
import dev.llmring.limits.Limiter;
import dev.llmring.limits.Outcome;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The router and a limiter: skip while others are left, wait when none is, settle every permit. */
class LimitRoutingTest extends WireMockSupport {
    private final Scripted limiter = new Scripted();
    private final List<String> waits = new CopyOnWriteArrayList<>();
    private final List<String> skips = new CopyOnWriteArrayList<>();
    private final LlmRingListener recorder = new LlmRingListener() {
        @Override
        public void waited(Call call, String binding, Duration waited, String reason) {
            waits.add(binding + " " + waited.toMillis() + " " + reason);
        }

        @Override
        public void attemptSkipped(Call call, String binding, String reason) {
            skips.add(binding + ": " + reason);
        }
    };

    /** Answers each admit from a script (per binding), then admits; records every settle. */
    static class Scripted implements Limiter {
        final java.util.Map<String, Deque<Admission>> script = new java.util.concurrent.ConcurrentHashMap<>();
        final List<LimitedAttempt> asked = new CopyOnWriteArrayList<>();
        final List<Outcome> settled = new CopyOnWriteArrayList<>();
        final CountDownLatch firstAsk = new CountDownLatch(1);

        Scripted refuse(String binding, Admission... answers) {
            script.computeIfAbsent(binding, b -> new ArrayDeque<>()).addAll(List.of(answers));
            return this;
        }

        @Override
        public Admission admit(LimitedAttempt attempt) {
            asked.add(attempt);
            firstAsk.countDown();
            Deque<Admission> d = script.get(attempt.binding());
            Admission next = d == null ? null : d.poll();
            return next != null ? next : Admission.admitted(settled::add);
        }
    }

    private static Admission limited(long retryMs) {
        return Admission.limited("requests_per_minute = 60", ms(retryMs), Duration.ofMinutes(1));
    }

    private LlmRing limitedRing() {
        return ring().retryPolicy(RetryPolicy.none())
                .listener(recorder)
                .limits(context -> limiter)
                .build();
    }

    @Test
    void aLimitedBindingIsSkippedWhenAnotherBindingCanServe() {
        server.stubFor(post("/b/chat").willReturn(answer("from-b")));
        aliases.bind("chat", "a:m1", "b:m2");
        limiter.refuse("a:m1", limited(500));
        try (LlmRing ring = limitedRing()) {
            ChatResponse r = ring.chat(request("chat"));
            assertEquals("from-b", r.text());
            RoutingTrace.Attempt skip = r.trace().attempts().get(0);
            assertEquals(RoutingTrace.Attempt.Outcome.SKIPPED, skip.outcome());
            assertTrue(skip.reason().orElseThrow().contains("requests_per_minute = 60"), skip.toString());
        }
        assertEquals(List.of(), time.sleeps);
        assertEquals(1, skips.size(), skips.toString());
    }

    @Test
    void theLastBindingIsWaitedForWithinTheDeadlineAndTheWaitIsReported() {
        server.stubFor(post("/a/chat").willReturn(answer("from-a")));
        aliases.bind("chat", "a:m1");
        limiter.refuse("a:m1", limited(200), limited(300));
        try (LlmRing ring = limitedRing()) {
            assertEquals("from-a", ring.chat(request("chat")).text());
        }
        assertEquals(List.of(ms(200), ms(300)), time.sleeps);
        assertEquals(List.of("a:m1 200 requests_per_minute = 60", "a:m1 300 requests_per_minute = 60"), waits);
    }

    @Test
    void aDeferredBindingIsWaitedForOnceTheOthersFailed() {
        server.stubFor(post("/a/chat").willReturn(answer("from-a")));
        server.stubFor(post("/b/chat").willReturn(error(503, "overloaded")));
        aliases.bind("chat", "a:m1", "b:m2");
        limiter.refuse("a:m1", limited(400), limited(400));
        try (LlmRing ring = limitedRing()) {
            ChatResponse r = ring.chat(request("chat"));
            assertEquals("from-a", r.text());
            assertEquals("a:m1", r.trace().servedBy().orElseThrow());
        }
        assertEquals(List.of(ms(400)), time.sleeps);
    }

    @Test
    void aWaitPastTheDeadlineSkipsAndNothingIsSent() {
        aliases.bind("chat", "a:m1");
        limiter.refuse("a:m1", Admission.limited("requests_per_minute = 60", Duration.ofHours(2), Duration.ofHours(3)));
        try (LlmRing ring = limitedRing()) {
            NoUsableBindingException e = assertThrows(NoUsableBindingException.class, () -> ring.chat(request("chat")));
            assertTrue(e.getMessage().contains("would pass the deadline"), e.getMessage());
        }
        assertEquals(List.of(), time.sleeps);
        server.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void aLimitThatAllowsNoWaitSkipsAtOnce() {
        aliases.bind("chat", "a:m1");
        limiter.refuse("a:m1", Admission.limited("max_concurrent_requests = 1", ms(50), Duration.ZERO));
        try (LlmRing ring = limitedRing()) {
            NoUsableBindingException e = assertThrows(NoUsableBindingException.class, () -> ring.chat(request("chat")));
            assertTrue(e.getMessage().contains("longer than the 0 ms this limit allows"), e.getMessage());
        }
        assertEquals(List.of(), time.sleeps);
    }

    @Test
    void anExceededBudgetFailsWithBudgetExceededBeforeAnyRequest() {
        aliases.bind("chat", "a:m1", "b:m2");
        limiter.refuse("a:m1", Admission.overBudget("budget_usd_per_day = 5 for alias chat is spent"));
        limiter.refuse("b:m2", Admission.overBudget("budget_usd_per_day = 5 for alias chat is spent"));
        try (LlmRing ring = limitedRing()) {
            BudgetExceededException e = assertThrows(BudgetExceededException.class, () -> ring.chat(request("chat")));
            assertTrue(e.getMessage().contains("budget_usd_per_day"), e.getMessage());
        }
        server.verify(0, postRequestedFor(anyUrl()));
        assertEquals(List.of(), time.sleeps);
    }

    @Test
    void theAttemptCarriesAliasTagAndTokenEstimate() {
        server.stubFor(post("/a/chat").willReturn(answer("x")));
        aliases.bind("chat", "a:m1");
        try (LlmRing ring = limitedRing()) {
            ring.chat(ChatRequest.builder("chat")
                    .user("Say hello")
                    .tag("tenant-7")
                    .maxOutputTokens(100)
                    .build());
        }
        LimitedAttempt a = limiter.asked.get(0);
        assertEquals("chat", a.alias());
        assertEquals("a:m1", a.binding());
        assertEquals("tenant-7", a.tag().orElseThrow());
        assertTrue(a.estimatedTokens() > 100, a.toString());
    }

    @Test
    void aSuccessSettlesThePermitWithStatusHeadersAndUsage() {
        server.stubFor(post("/a/chat").willReturn(answer("x").withHeader("x-ratelimit-remaining-requests", "41")));
        aliases.bind("chat", "a:m1");
        try (LlmRing ring = limitedRing()) {
            ring.chat(request("chat"));
        }
        assertEquals(1, limiter.settled.size());
        Outcome o = limiter.settled.get(0);
        assertEquals(200, o.status());
        assertEquals("41", o.header("X-RateLimit-Remaining-Requests").orElseThrow());
        assertEquals(8, o.usage().orElseThrow().totalTokens());
    }

    @Test
    void a429SettlesThePermitWithItsRetryAfter() {
        server.stubFor(post("/a/chat").willReturn(error(429, "rate_limited").withHeader("Retry-After", "7")));
        server.stubFor(post("/b/chat").willReturn(answer("from-b")));
        aliases.bind("chat", "a:m1", "b:m2");
        try (LlmRing ring = limitedRing()) {
            ring.chat(request("chat"));
        }
        Outcome first = limiter.settled.get(0);
        assertEquals(429, first.status());
        assertEquals(Duration.ofSeconds(7), first.retryAfter().orElseThrow());
        assertEquals(2, limiter.settled.size(), "b's permit too");
    }

    @Test
    void closingAStreamEarlyReleasesItsPermit() {
        server.stubFor(post("/a/chat")
                .willReturn(sseAnswer(sse("{\"text\":\"Hel\"}", "{\"text\":\"lo\"}", "{\"finish\":\"stop\"}"))));
        aliases.bind("chat", "a:m1");
        try (LlmRing ring = limitedRing()) {
            ChatStream stream = ring.stream(request("chat"));
            assertEquals(0, limiter.settled.size(), "held while the stream is open");
            stream.close();
        }
        assertEquals(List.of(Outcome.NOT_SENT), limiter.settled);
    }

    @Test
    void aStreamReadToItsEndSettlesWithItsUsage() {
        server.stubFor(post("/a/chat")
                .willReturn(sseAnswer(
                        sse("{\"text\":\"Hi\"}", "{\"usage\":{\"in\":3,\"out\":5}}", "{\"finish\":\"stop\"}"))));
        aliases.bind("chat", "a:m1");
        try (LlmRing ring = limitedRing();
                ChatStream stream = ring.stream(request("chat"))) {
            stream.response();
        }
        assertEquals(8, limiter.settled.get(0).usage().orElseThrow().totalTokens());
    }

    @Test
    void closingTheClientWakesACallWaitingForALimit() throws Exception {
        aliases.bind("chat", "a:m1");
        limiter.refuse("a:m1", limited(50_000));
        LlmRing ring = ring().retryPolicy(RetryPolicy.none())
                .limits(context -> limiter)
                .clock(java.time.Clock.systemUTC())
                .sleeper(Sleeper.system())
                .build();
        CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                ring.chat(request("chat"));
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        assertTrue(limiter.firstAsk.await(10, TimeUnit.SECONDS));
        Thread.sleep(100); // let it enter the wait; the assertion below holds either way
        ring.close();
        assertInstanceOf(CancellationException.class, outcome.get(10, TimeUnit.SECONDS));
        server.verify(0, postRequestedFor(urlEqualTo("/a/chat")));
    }

    @Test
    void aLimiterThatReadsEstimatesGetsThemAndOneThatDoesNotIsSparedThem() {
        server.stubFor(post("/a/chat").willReturn(answer("from-a")));
        aliases.bind("chat", "a:m1");
        ChatRequest capped = ChatRequest.builder("chat")
                .user("Say hello to everyone in the room")
                .maxOutputTokens(50)
                .build();
        try (LlmRing ring = limitedRing()) {
            ring.chat(capped);
        }
        LimitedAttempt full = limiter.asked.get(0);
        assertTrue(full.estimatedInputTokens() > 0, full::toString);
        assertEquals(50, full.maxOutputTokens().orElseThrow());

        Scripted blind = new Scripted() {
            @Override
            public boolean usesEstimates() {
                return false;
            }
        };
        try (LlmRing ring =
                ring().retryPolicy(RetryPolicy.none()).limits(context -> blind).build()) {
            assertEquals("from-a", ring.chat(capped).text());
        }
        LimitedAttempt bare = blind.asked.get(0);
        assertEquals("a:m1", bare.binding());
        assertEquals(0, bare.estimatedInputTokens());
        assertTrue(bare.maxOutputTokens().isEmpty(), bare::toString);
        assertTrue(bare.worstCaseCost().isEmpty(), bare::toString);
        assertEquals(1, blind.settled.size());
    }
}
