package dev.llmring.limits.local.internal;

import dev.llmring.Usage;
import dev.llmring.limits.Admission;
import dev.llmring.limits.LimitedAttempt;
import dev.llmring.limits.Limiter;
import dev.llmring.limits.Outcome;
import dev.llmring.limits.Permit;
import dev.llmring.limits.SpendLedger;
import dev.llmring.limits.local.RateLimit;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The limiter: for each attempt, the budgets that apply (a reservation at the worst-case cost on the ledger), then
 * the rate limits of its binding, its provider key and its alias (a concurrency slot, one request, the estimated
 * tokens), all or nothing. A binding the provider told to wait (a 429's {@code Retry-After}, or no requests or tokens
 * left until a reset) is refused until then. Settling frees the slot, corrects the tokens and the cost to the real
 * usage, and lets the provider's headers tighten the buckets.
 */
public final class LimitEngine implements Limiter {
    /** How soon to ask again for a concurrency slot (slots free at no predictable time). */
    static final Duration SLOT_POLL = Duration.ofMillis(20);

    private final LimitsSpec spec;
    private final TokenBuckets buckets;
    private final SpendLedger ledger;
    private final Clock clock;
    private final ConcurrencySlots slots;
    private final Map<String, Instant> blocked = new ConcurrentHashMap<>();
    private final AutoCloseable resources;

    /**
     * A limiter over the given stores.
     *
     * @param spec the limits and budgets
     * @param buckets where the request and token buckets live
     * @param slots where the concurrency slots live
     * @param ledger where budgets book; closed with the limiter
     * @param clock the client's clock (periods, provider resets)
     * @param resources closed with the limiter (connections)
     */
    public LimitEngine(
            LimitsSpec spec,
            TokenBuckets buckets,
            ConcurrencySlots slots,
            SpendLedger ledger,
            Clock clock,
            AutoCloseable resources) {
        this.spec = spec;
        this.buckets = buckets;
        this.slots = slots;
        this.ledger = ledger;
        this.clock = clock;
        this.resources = resources;
    }

    /** A limit that applies to an attempt, with the name of its scope for messages. */
    private record Scoped(String key, String name, RateLimit limit) {}

    /** The limits that apply to {@code a}; none, with nothing built, when no rate limit is set at all. */
    private List<Scoped> scopes(LimitedAttempt a) {
        if (spec.rates().isEmpty()) return List.of();
        List<Scoped> out = new ArrayList<>(3);
        String key = LimitsSpec.bindingScope(a.binding());
        RateLimit l = spec.rates().get(key);
        if (l != null) out.add(new Scoped(key, a.binding(), l));
        key = LimitsSpec.providerScope(a.provider());
        l = spec.rates().get(key);
        if (l != null) out.add(new Scoped(key, "provider " + a.provider(), l));
        key = LimitsSpec.aliasScope(a.alias());
        l = spec.rates().get(key);
        if (l != null) out.add(new Scoped(key, "alias '" + a.alias() + "'", l));
        return out;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Only rates and budgets read them: an engine with neither (the lockfile declares no limits) still refuses a
     * binding the provider said is exhausted, which needs no estimate.
     */
    @Override
    public boolean usesEstimates() {
        return !spec.rates().isEmpty() || !spec.budgets().isEmpty();
    }

    @Override
    public Admission admit(LimitedAttempt attempt) {
        Instant now = clock.instant();
        List<Scoped> scopes = scopes(attempt);
        Instant until = blocked.isEmpty() ? null : blocked.get(attempt.binding());
        if (until != null) {
            if (until.isAfter(now)) {
                return Admission.limited(
                        attempt.binding() + " told us to wait (rate limited by the provider)",
                        Duration.between(now, until),
                        scopes.isEmpty()
                                ? RateLimit.UNTIL_DEADLINE
                                : scopes.get(0).limit().maxWait());
            }
            blocked.remove(attempt.binding(), until);
        }
        Held held = new Held(attempt);
        BigDecimal worst = attempt.worstCaseCost().orElse(BigDecimal.ZERO);
        for (BudgetRule rule : spec.budgets()) {
            if (!rule.applies(attempt)) continue;
            String account = rule.account(attempt, now);
            Optional<SpendLedger.Reservation> r =
                    ledger.reserve(account, worst, rule.usd(), rule.period().end(now));
            if (r.isEmpty()) {
                held.undo();
                return Admission.overBudget(rule.describe(attempt) + " is spent ($"
                        + ledger.booked(account).toPlainString() + " booked this "
                        + rule.period().key()
                        + ", this call may cost up to $" + worst.toPlainString() + ")");
            }
            held.reserved(r.get());
        }
        held.worst = worst;
        for (Scoped s : scopes) {
            Admission refused = take(s, attempt, held);
            if (refused != null) {
                held.undo();
                return refused;
            }
        }
        return Admission.admitted(held);
    }

    /** Takes what {@code s} needs into {@code held}; the refusal when it cannot. */
    private @Nullable Admission take(Scoped s, LimitedAttempt attempt, Held held) {
        RateLimit l = s.limit();
        if (l.maxConcurrentRequests().isPresent()) {
            Runnable slot = slots.tryAcquire(
                    s.key() + "/slots", l.maxConcurrentRequests().getAsInt());
            if (slot == null) {
                return Admission.limited(
                        "max_concurrent_requests = " + l.maxConcurrentRequests().getAsInt() + " for " + s.name(),
                        SLOT_POLL,
                        l.maxWait());
            }
            held.slot(slot);
        }
        if (l.requestsPerMinute().isPresent()) {
            TokenBuckets.Spec shape = requests(l);
            long wait = buckets.tryTake(s.key() + "/requests", shape, 1);
            if (wait > 0) {
                return Admission.limited(
                        "requests_per_minute = " + l.requestsPerMinute().getAsLong() + " for " + s.name(),
                        Duration.ofNanos(wait),
                        l.maxWait());
            }
            held.took(s.key() + "/requests", shape, false);
        }
        if (l.tokensPerMinute().isPresent()) {
            TokenBuckets.Spec shape = tokens(l);
            long n = attempt.estimatedTokens();
            long wait = buckets.tryTake(s.key() + "/tokens", shape, n);
            if (wait > 0) {
                return Admission.limited(
                        "tokens_per_minute = " + l.tokensPerMinute().getAsLong() + " for " + s.name() + " (about " + n
                                + " tokens asked)",
                        wait == Long.MAX_VALUE ? RateLimit.UNTIL_DEADLINE : Duration.ofNanos(wait),
                        l.maxWait());
            }
            held.took(s.key() + "/tokens", shape, true);
        }
        return null;
    }

    private static TokenBuckets.Spec requests(RateLimit l) {
        return new TokenBuckets.Spec(l.requestsCapacity(), l.requestsPerMinute().getAsLong());
    }

    private static TokenBuckets.Spec tokens(RateLimit l) {
        return new TokenBuckets.Spec(l.tokensCapacity(), l.tokensPerMinute().getAsLong());
    }

    /** One bucket an admitted attempt took from: a request, or its estimated tokens. */
    private record Taken(String key, TokenBuckets.Spec shape, boolean tokens) {}

    /**
     * What one admitted attempt holds, settled once; it is the attempt's permit. Its lists are made only when it
     * holds something, so that an attempt no limit or budget applies to costs one object.
     */
    private final class Held implements Permit {
        final LimitedAttempt attempt;
        private List<SpendLedger.Reservation> reservations = List.of();
        private List<Runnable> slots = List.of();
        private List<Taken> taken = List.of();
        BigDecimal worst = BigDecimal.ZERO;
        private boolean settled;

        Held(LimitedAttempt attempt) {
            this.attempt = attempt;
        }

        void reserved(SpendLedger.Reservation r) {
            if (reservations.isEmpty()) reservations = new ArrayList<>(2);
            reservations.add(r);
        }

        void slot(Runnable slot) {
            if (slots.isEmpty()) slots = new ArrayList<>(3);
            slots.add(slot);
        }

        void took(String key, TokenBuckets.Spec shape, boolean tokens) {
            if (taken.isEmpty()) taken = new ArrayList<>(6);
            taken.add(new Taken(key, shape, tokens));
        }

        /** Gives back everything: the attempt was not admitted. */
        void undo() {
            for (SpendLedger.Reservation r : reservations) r.settle(BigDecimal.ZERO);
            for (Runnable slot : slots) slot.run();
            long n = attempt.estimatedTokens();
            for (Taken t : taken) buckets.give(t.key(), t.shape(), t.tokens() ? n : 1);
        }

        @Override
        public void settle(Outcome o) {
            synchronized (this) {
                if (settled) return;
                settled = true;
            }
            for (Runnable slot : slots) slot.run();
            long estimate = attempt.estimatedTokens();
            Usage usage = o.usage().orElse(null);
            long actual = usage != null ? usage.totalTokens() : o.status() == 0 ? 0L : estimate;
            for (Taken t : taken) {
                if (!t.tokens()) continue;
                if (actual > estimate) buckets.force(t.key(), t.shape(), actual - estimate);
                else buckets.give(t.key(), t.shape(), estimate - actual);
            }
            if (!reservations.isEmpty()) {
                boolean served = o.status() / 100 == 2;
                BigDecimal cost = o.cost().orElse(served ? worst : BigDecimal.ZERO);
                for (SpendLedger.Reservation r : reservations) r.settle(cost);
            }
            tighten(attempt, o);
        }
    }

    /** The provider's word on what is left: buckets above it come down to it; nothing left blocks until the reset. */
    private void tighten(LimitedAttempt attempt, Outcome o) {
        Instant now = clock.instant();
        if (o.status() == 429 && o.retryAfter().isPresent())
            block(attempt.binding(), now.plus(o.retryAfter().get()));
        if (o.headers().isEmpty()) return;
        ProviderHeaders h = ProviderHeaders.of(o, now);
        if (h.requestsLeft().isEmpty() && h.tokensLeft().isEmpty()) return;
        Scoped target = providerScoped(attempt);
        if (h.requestsLeft().isPresent()) {
            long left = h.requestsLeft().getAsLong();
            if (left == 0 && h.requestsReset() != null) block(attempt.binding(), now.plus(h.requestsReset()));
            if (target != null && target.limit().requestsPerMinute().isPresent()) {
                lower(target.key() + "/requests", requests(target.limit()), left);
            }
        }
        if (h.tokensLeft().isPresent()) {
            long left = h.tokensLeft().getAsLong();
            if (left == 0 && h.tokensReset() != null) block(attempt.binding(), now.plus(h.tokensReset()));
            if (target != null && target.limit().tokensPerMinute().isPresent()) {
                lower(target.key() + "/tokens", tokens(target.limit()), left);
            }
        }
    }

    /** The scope the provider's headers speak for: the binding's limits, else the provider key's. */
    private @Nullable Scoped providerScoped(LimitedAttempt a) {
        for (Scoped s : scopes(a)) {
            if (!s.key().startsWith("alias:")) return s;
        }
        return null;
    }

    private void lower(String key, TokenBuckets.Spec shape, long left) {
        long available = buckets.available(key, shape);
        if (available > left) buckets.force(key, shape, available - left);
    }

    private void block(String binding, Instant until) {
        blocked.merge(binding, until, (a, b) -> a.isAfter(b) ? a : b);
    }

    @Override
    public void close() {
        try {
            ledger.close();
            resources.close();
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(LimitEngine.class).debug("closing the limits failed: {}", e.toString());
        }
    }

    @Override
    public String toString() {
        return "LimitEngine[" + spec.rates().keySet() + ", " + spec.budgets().size() + " budgets, " + ledger + "]";
    }
}
