package dev.llmring.limits.local.internal;

import static dev.llmring.limits.ConstraintKeys.BUDGET_USD_PER_DAY;
import static dev.llmring.limits.ConstraintKeys.BUDGET_USD_PER_MONTH;
import static dev.llmring.limits.ConstraintKeys.MAX_CONCURRENT_REQUESTS;
import static dev.llmring.limits.ConstraintKeys.MAX_WAIT_MS;
import static dev.llmring.limits.ConstraintKeys.RATE_LIMITS;
import static dev.llmring.limits.ConstraintKeys.REQUESTS_BURST;
import static dev.llmring.limits.ConstraintKeys.REQUESTS_PER_MINUTE;
import static dev.llmring.limits.ConstraintKeys.TOKENS_BURST;
import static dev.llmring.limits.ConstraintKeys.TOKENS_PER_MINUTE;

import dev.llmring.limits.local.Period;
import dev.llmring.limits.local.RateLimit;
import dev.llmring.lockfile.Binding;
import dev.llmring.lockfile.Profile;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads the limits in a lockfile profile's binding constraints (see {@code docs/limits.md}): the alias's own rate
 * keys and budgets, and its {@code rate_limits} table of limits per {@code provider:model} or per provider key. A bad
 * value fails with a {@link dev.llmring.lockfile.LockfileException} naming file, line, column and field; other keys
 * of {@code constraints} are not ours and are left alone.
 */
final class LockfileLimits {
    private static final List<String> RATE_KEYS =
            List.of(REQUESTS_PER_MINUTE, TOKENS_PER_MINUTE, MAX_CONCURRENT_REQUESTS, REQUESTS_BURST, TOKENS_BURST);
    private static final Set<String> TABLE_KEYS = Set.of(
            REQUESTS_PER_MINUTE, TOKENS_PER_MINUTE, MAX_CONCURRENT_REQUESTS, REQUESTS_BURST, TOKENS_BURST, MAX_WAIT_MS);

    private LockfileLimits() {}

    static LimitsSpec read(Profile profile) {
        Map<String, RateLimit> rates = new LinkedHashMap<>();
        Map<String, String> declaredBy = new LinkedHashMap<>();
        List<BudgetRule> budgets = new ArrayList<>();
        for (Binding b : profile.bindings()) {
            Map<String, Object> c = b.constraints();
            RateLimit own = rate(b, List.of(), c, null);
            if (own != null) rates.put(LimitsSpec.aliasScope(b.alias()), own);
            budget(b, c, BUDGET_USD_PER_DAY, Period.DAY, budgets);
            budget(b, c, BUDGET_USD_PER_MONTH, Period.MONTH, budgets);
            Object table = c.get(RATE_LIMITS);
            if (table == null) continue;
            if (!(table instanceof Map<?, ?> perScope)) {
                throw b.constraintError(
                        List.of(RATE_LIMITS), "must be a table of limits per provider:model or provider");
            }
            Object aliasWait = c.get(MAX_WAIT_MS);
            for (Map.Entry<?, ?> e : perScope.entrySet()) {
                String scope = String.valueOf(e.getKey());
                List<String> at = List.of(RATE_LIMITS, scope);
                if (!(e.getValue() instanceof Map<?, ?> values)) {
                    throw b.constraintError(at, "must be a table such as { requests_per_minute = 500 }");
                }
                for (Object key : values.keySet()) {
                    if (!TABLE_KEYS.contains(String.valueOf(key))) {
                        throw b.constraintError(
                                List.of(RATE_LIMITS, scope, String.valueOf(key)),
                                "unknown rate limit key; known: "
                                        + String.join(", ", new java.util.TreeSet<>(TABLE_KEYS)));
                    }
                }
                RateLimit limit = rate(b, at, values, aliasWait);
                if (limit == null) throw b.constraintError(at, "names no limit");
                String key = scope.contains(":") ? LimitsSpec.bindingScope(scope) : LimitsSpec.providerScope(scope);
                RateLimit earlier = rates.putIfAbsent(key, limit);
                if (earlier != null && !earlier.equals(limit)) {
                    throw b.constraintError(
                            at,
                            "conflicts with the limits alias '" + declaredBy.get(key) + "' declares for " + scope + " ("
                                    + earlier + ")");
                }
                declaredBy.putIfAbsent(key, b.alias());
            }
        }
        return new LimitsSpec(rates, budgets, null, true);
    }

    /** The rate limit the keys of {@code values} set; null when they set none. */
    private static @Nullable RateLimit rate(
            Binding b, List<String> at, Map<?, ?> values, @Nullable Object inheritedWait) {
        if (!setsAny(values, RATE_KEYS)) return null;
        RateLimit.Builder r = RateLimit.builder();
        String current = REQUESTS_PER_MINUTE;
        try {
            for (String key : RATE_KEYS) {
                current = key;
                Object v = values.get(key);
                if (v == null) continue;
                long n = whole(b, at, key, v);
                switch (key) {
                    case REQUESTS_PER_MINUTE -> r.requestsPerMinute(n);
                    case TOKENS_PER_MINUTE -> r.tokensPerMinute(n);
                    case MAX_CONCURRENT_REQUESTS -> r.maxConcurrentRequests((int) Math.min(n, Integer.MAX_VALUE));
                    case REQUESTS_BURST -> r.requestsBurst(n);
                    default -> r.tokensBurst(n);
                }
            }
            current = MAX_WAIT_MS;
            Object wait = values.containsKey(MAX_WAIT_MS) ? values.get(MAX_WAIT_MS) : inheritedWait;
            if (wait != null) {
                long ms = whole(b, at, MAX_WAIT_MS, wait);
                r.maxWait(Duration.ofMillis(ms));
            }
            return r.build();
        } catch (IllegalArgumentException e) {
            throw b.constraintError(path(at, current), e.getMessage());
        }
    }

    /** Whether {@code values} has any of {@code keys}: a plain loop, as this runs at every client build. */
    private static boolean setsAny(Map<?, ?> values, List<String> keys) {
        for (String key : keys) {
            if (values.containsKey(key)) return true;
        }
        return false;
    }

    private static long whole(Binding b, List<String> at, String key, Object v) {
        long n;
        if (v instanceof Long || v instanceof Integer) {
            n = ((Number) v).longValue();
        } else if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            n = d.longValue();
        } else {
            throw b.constraintError(path(at, key), "must be a whole number, was " + shown(v));
        }
        boolean zeroOk = MAX_WAIT_MS.equals(key);
        if (n < 0 || n == 0 && !zeroOk) {
            throw b.constraintError(path(at, key), "must be " + (zeroOk ? "zero or more" : "positive") + ", was " + n);
        }
        return n;
    }

    private static void budget(Binding b, Map<String, Object> c, String key, Period period, List<BudgetRule> out) {
        Object v = c.get(key);
        if (v == null) return;
        BigDecimal usd;
        try {
            usd = v instanceof Number || v instanceof String
                    ? new BigDecimal(v.toString().trim())
                    : null;
        } catch (NumberFormatException e) {
            usd = null;
        }
        if (usd == null || usd.signum() < 0) {
            throw b.constraintError(List.of(key), "must be an amount of US dollars, zero or more, was " + shown(v));
        }
        out.add(new BudgetRule(BudgetRule.Kind.ALIAS, b.alias(), period, usd));
    }

    private static List<String> path(List<String> at, String key) {
        List<String> p = new ArrayList<>(at);
        p.add(key);
        return p;
    }

    private static String shown(Object v) {
        return v instanceof String s ? "'" + s + "'" : String.valueOf(v);
    }
}
