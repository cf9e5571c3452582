package dev.llmring.limits.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.limits.LimitedAttempt;
import dev.llmring.limits.Limiter;
import dev.llmring.limits.LimiterFactory;
import dev.llmring.lockfile.Format;
import dev.llmring.lockfile.Lockfile;
import dev.llmring.lockfile.LockfileException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Limits in the lockfile's binding constraints: read, overridden by the builder, bad values placed by line. */
class LockfileLimitsTest {
    private static final String HEAD = "version = \"1.0\"\ndefault_profile = \"default\"\n\n"
            + "[profiles.default]\nname = \"default\"\n\n"
            + "[[profiles.default.bindings]]\nalias = \"chat\"\nmodels = [\"openai:gpt-4o\", \"anthropic:claude\"]\n\n"
            + "[profiles.default.bindings.constraints]\n";

    private final TestClock clock = new TestClock();

    private Limiter limiter(Limits limits, String constraints) {
        Lockfile lock = Lockfile.parse(HEAD + constraints, Format.TOML, "llmring.lock");
        return limits.create(new LimiterFactory.Context(lock.profile("default"), clock));
    }

    private static LimitedAttempt call(String binding) {
        int colon = binding.indexOf(':');
        return LimitedAttempt.builder("chat", binding.substring(0, colon), binding.substring(colon + 1))
                .worstCaseCost(new BigDecimal("0.40"))
                .build();
    }

    @Test
    void anAliasLimitInTheConstraintsApplies() {
        Limiter l = limiter(Limits.builder().build(), "requests_per_minute = 1\n");
        assertTrue(l.admit(call("openai:gpt-4o")).isAdmitted());
        assertTrue(l.admit(call("anthropic:claude")).isLimited());
    }

    @Test
    void aBindingLimitInRateLimitsAppliesToThatBindingOnly() {
        Limiter l = limiter(
                Limits.builder().build(),
                "[profiles.default.bindings.constraints.rate_limits.\"openai:gpt-4o\"]\nrequests_per_minute = 1\n");
        assertTrue(l.admit(call("openai:gpt-4o")).isAdmitted());
        assertTrue(l.admit(call("openai:gpt-4o")).isLimited());
        assertTrue(l.admit(call("anthropic:claude")).isAdmitted());
    }

    @Test
    void aDailyBudgetInTheConstraintsApplies() {
        Limiter l = limiter(Limits.builder().build(), "budget_usd_per_day = 0.50\n");
        assertTrue(l.admit(call("openai:gpt-4o")).isAdmitted());
        assertTrue(l.admit(call("openai:gpt-4o")).isOverBudget());
    }

    @Test
    void theBuilderOverridesTheLockfileForTheSameScope() {
        Limiter l = limiter(
                Limits.builder()
                        .alias("chat", RateLimit.builder().requestsPerMinute(5).build())
                        .build(),
                "requests_per_minute = 1\n");
        for (int i = 0; i < 5; i++) assertTrue(l.admit(call("openai:gpt-4o")).isAdmitted());
    }

    @Test
    void aBadValueFailsNamingTheLineAndField() {
        LockfileException e = assertThrows(
                LockfileException.class,
                () -> limiter(
                        Limits.builder().build(), "max_cost_usd_per_call = 0.05\nrequests_per_minute = \"lots\"\n"));
        assertEquals(13, e.line(), e.getMessage());
        assertEquals(
                "profiles.default.bindings[0].constraints.requests_per_minute",
                e.field().orElseThrow());
        assertTrue(e.getMessage().startsWith("llmring.lock:13:"), e.getMessage());
        assertTrue(e.getMessage().contains("must be a whole number, was 'lots'"), e.getMessage());
    }

    @Test
    void aNegativeBudgetFailsNamingItsLine() {
        LockfileException e = assertThrows(
                LockfileException.class, () -> limiter(Limits.builder().build(), "budget_usd_per_month = -3\n"));
        assertEquals(12, e.line(), e.getMessage());
    }

    @Test
    void anUnknownKeyInARateLimitTableIsRefusedByLine() {
        LockfileException e = assertThrows(
                LockfileException.class,
                () -> limiter(
                        Limits.builder().build(),
                        "[profiles.default.bindings.constraints.rate_limits.openai]\nrequests_per_minit = 5\n"));
        assertEquals(13, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("unknown rate limit key"), e.getMessage());
    }

    @Test
    void otherConstraintKeysAreLeftAlone() {
        Limiter l = limiter(Limits.builder().build(), "max_cost_usd_per_call = 0.05\ntemperature = 0.2\n");
        assertTrue(l.admit(call("openai:gpt-4o")).isAdmitted());
    }
}
