package dev.llmring.limits.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.Usage;
import dev.llmring.limits.Admission;
import dev.llmring.limits.LimitedAttempt;
import dev.llmring.limits.Limiter;
import dev.llmring.limits.LimiterFactory;
import dev.llmring.limits.Outcome;
import dev.llmring.limits.Permit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The local limiter: buckets with burst, token settling, concurrency, and what providers' headers and 429s do. */
class LimitEngineTest {
    private final TestClock clock = new TestClock();

    private Limiter limiter(Limits limits) {
        return limits.create(new LimiterFactory.Context(null, clock));
    }

    private static LimitedAttempt attempt(long inputTokens) {
        return LimitedAttempt.builder("chat", "openai", "gpt-4o")
                .estimatedInputTokens(inputTokens)
                .build();
    }

    private static Permit admitted(Limiter l, LimitedAttempt a) {
        Admission ad = l.admit(a);
        assertTrue(ad.isAdmitted(), ad.toString());
        return ad.permit().orElseThrow();
    }

    private static Outcome ok(Map<String, List<String>> headers) {
        return Outcome.builder().status(200).headers(headers).build();
    }

    @Test
    void requestsBeyondTheBurstAreLimitedUntilTheBucketRefills() {
        Limiter l = limiter(Limits.builder()
                .binding(
                        "openai:gpt-4o",
                        RateLimit.builder()
                                .requestsPerMinute(60)
                                .requestsBurst(2)
                                .build())
                .build());
        admitted(l, attempt(10));
        admitted(l, attempt(10));
        Admission third = l.admit(attempt(10));
        assertTrue(third.isLimited());
        assertEquals(Duration.ofSeconds(1), third.retryAfter());
        assertTrue(third.reason().contains("requests_per_minute = 60 for openai:gpt-4o"), third.reason());
        clock.advance(Duration.ofSeconds(1));
        admitted(l, attempt(10));
    }

    @Test
    void tokensAreReservedOnTheEstimateAndSettledToTheRealUsage() {
        Limiter l = limiter(Limits.builder()
                .alias("chat", RateLimit.builder().tokensPerMinute(1000).build())
                .build());
        Permit p = admitted(l, attempt(400));
        p.settle(Outcome.builder()
                .status(200)
                .usage(Usage.builder().inputTokens(50).outputTokens(50).build())
                .build());
        admitted(l, attempt(900)); // 1000 - 100 used leaves room for 900
        assertTrue(l.admit(attempt(10)).isLimited());
    }

    @Test
    void aConcurrencySlotIsFreedWhenThePermitIsSettled() {
        Limiter l = limiter(Limits.builder()
                .provider("openai", RateLimit.builder().maxConcurrentRequests(1).build())
                .build());
        Permit p = admitted(l, attempt(1));
        Admission second = l.admit(attempt(1));
        assertTrue(second.isLimited());
        assertTrue(second.reason().contains("max_concurrent_requests = 1 for provider openai"), second.reason());
        p.release();
        admitted(l, attempt(1));
    }

    @Test
    void aRefusalGivesBackWhatOtherScopesHadTaken() {
        Limiter l = limiter(Limits.builder()
                .binding(
                        "openai:gpt-4o",
                        RateLimit.builder().requestsPerMinute(2).build())
                .alias("chat", RateLimit.builder().maxConcurrentRequests(1).build())
                .build());
        Permit first = admitted(l, attempt(1));
        assertTrue(l.admit(attempt(1)).isLimited()); // took the binding's last request, then no slot: gives it back
        first.release();
        admitted(l, attempt(1));
    }

    @Test
    void openAiRemainingRequestsLowerTheBucket() {
        Limiter l = limiter(Limits.builder()
                .binding(
                        "openai:gpt-4o",
                        RateLimit.builder().requestsPerMinute(100).build())
                .build());
        admitted(l, attempt(1)).settle(ok(Map.of("x-ratelimit-remaining-requests", List.of("2"))));
        admitted(l, attempt(1));
        admitted(l, attempt(1));
        assertTrue(l.admit(attempt(1)).isLimited());
    }

    @Test
    void openAiNoTokensLeftBlocksTheBindingUntilItsReset() {
        Limiter l = limiter(Limits.builder()
                .binding(
                        "openai:gpt-4o",
                        RateLimit.builder().tokensPerMinute(100_000).build())
                .build());
        admitted(l, attempt(1))
                .settle(ok(Map.of(
                        "x-ratelimit-remaining-tokens", List.of("0"), "x-ratelimit-reset-tokens", List.of("6m0s"))));
        Admission refused = l.admit(attempt(1));
        assertTrue(refused.isLimited());
        assertEquals(Duration.ofMinutes(6), refused.retryAfter());
        clock.advance(Duration.ofMinutes(6));
        admitted(l, attempt(1));
    }

    @Test
    void anthropicNoRequestsLeftBlocksUntilTheRfc3339Reset() {
        Limiter l = limiter(Limits.builder().build());
        LimitedAttempt a = LimitedAttempt.builder("chat", "anthropic", "claude").build();
        admitted(l, a)
                .settle(ok(Map.of(
                        "anthropic-ratelimit-requests-remaining", List.of("0"),
                        "anthropic-ratelimit-requests-reset", List.of("2026-07-14T10:00:30Z"))));
        assertEquals(Duration.ofSeconds(30), l.admit(a).retryAfter());
    }

    @Test
    void a429DrainsTheBindingUntilItsRetryAfter() {
        Limiter l = limiter(Limits.builder().build());
        admitted(l, attempt(1))
                .settle(Outcome.builder()
                        .status(429)
                        .retryAfter(Duration.ofSeconds(20))
                        .build());
        Admission refused = l.admit(attempt(1));
        assertTrue(refused.isLimited());
        assertEquals(Duration.ofSeconds(20), refused.retryAfter());
        clock.advance(Duration.ofSeconds(20));
        admitted(l, attempt(1));
    }

    @Test
    void onlyRatesAndBudgetsAskTheRouterForEstimates() {
        assertFalse(limiter(Limits.builder().build()).usesEstimates());
        assertTrue(limiter(Limits.builder()
                        .alias("chat", RateLimit.builder().requestsPerMinute(60).build())
                        .build())
                .usesEstimates());
        assertTrue(limiter(Limits.builder()
                        .aliasBudget("chat", Period.DAY, new java.math.BigDecimal("1.00"))
                        .build())
                .usesEstimates());
    }

    @Test
    void aPermitSettledTwiceFreesItsSlotOnce() {
        Limiter l = limiter(Limits.builder()
                .binding(
                        "openai:gpt-4o",
                        RateLimit.builder().maxConcurrentRequests(1).build())
                .build());
        Permit first = admitted(l, attempt(1));
        first.settle(ok(Map.of()));
        first.settle(ok(Map.of()));
        admitted(l, attempt(1));

        Admission refused = l.admit(attempt(1));

        assertTrue(refused.isLimited(), "the second settle must not free the slot the next attempt holds");
    }
}
