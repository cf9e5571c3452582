package dev.llmring.limits.local;

import dev.llmring.limits.Limiter;
import dev.llmring.limits.LimiterFactory;
import dev.llmring.limits.SpendLedger;
import dev.llmring.limits.local.internal.Access;
import dev.llmring.limits.local.internal.BudgetRule;
import dev.llmring.limits.local.internal.ConcurrencySlots;
import dev.llmring.limits.local.internal.LimitEngine;
import dev.llmring.limits.local.internal.LimitsSpec;
import dev.llmring.limits.local.internal.LocalBuckets;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Rate, concurrency and spend limits in this process, declared here and in the lockfile (this wins, scope by scope).
 * Register with {@code LlmRing.builder().limits(limits)}; without that, the lockfile's limits apply as soon as this
 * module is on the class or module path.
 *
 * <pre>{@code
 * Limits limits = Limits.builder()
 *         .binding("openai:gpt-4o", RateLimit.builder().requestsPerMinute(500).tokensPerMinute(30_000).build())
 *         .alias("summarizer", RateLimit.builder().maxConcurrentRequests(4).build())
 *         .aliasBudget("summarizer", Period.MONTH, new BigDecimal("200"))
 *         .eachTagBudget(Period.DAY, new BigDecimal("1.50"))
 *         .ledger(FileSpendLedger.of(Path.of("/var/lib/app/spend.tsv")))
 *         .build();
 * LlmRing ring = LlmRing.builder().limits(limits).build();
 * }</pre>
 *
 * Each client built from it has limiters of its own (buckets and slots), sharing the ledger. See {@code
 * docs/limits.md}.
 */
public final class Limits implements LimiterFactory {
    static {
        Access.register(l -> l.spec);
    }

    private final LimitsSpec spec;

    private Limits(LimitsSpec spec) {
        this.spec = spec;
    }

    /**
     * A builder with no limits of its own (the lockfile's still apply).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A limiter with these limits and the lockfile profile's, buckets in this process.
     *
     * @param context the client's lockfile profile and clock
     * @return a new limiter: buckets and slots of its own, the ledger given to the builder (else a new one in memory)
     * @throws dev.llmring.lockfile.LockfileException when the lockfile's limits are malformed, naming file, line and
     *     field
     */
    @Override
    public Limiter create(Context context) {
        LimitsSpec merged = spec.mergedWith(context.profile().orElse(null));
        SpendLedger ledger = spec.ledger() != null ? spec.ledger() : new InMemorySpendLedger();
        return new LimitEngine(
                merged,
                new LocalBuckets(context.clock(), 1),
                ConcurrencySlots.local(1),
                ledger,
                context.clock(),
                () -> {});
    }

    @Override
    public String toString() {
        return "Limits[" + spec.rates().keySet() + ", " + spec.budgets().size() + " budgets"
                + (spec.readLockfile() ? ", with the lockfile's" : "") + "]";
    }

    /** Builds {@link Limits}; setters validate at once, and a later setting for the same scope replaces an earlier. */
    public static final class Builder {
        private final Map<String, RateLimit> rates = new LinkedHashMap<>();
        private final List<BudgetRule> budgets = new ArrayList<>();
        private @Nullable SpendLedger ledger;
        private boolean readLockfile = true;

        private Builder() {}

        /**
         * Limits for one binding ({@code provider:model}), across every alias that uses it.
         *
         * @param providerModel the binding, such as {@code openai:gpt-4o}
         * @param limit its limits
         * @return this builder
         * @throws IllegalArgumentException unless {@code provider:model}
         */
        public Builder binding(String providerModel, RateLimit limit) {
            Objects.requireNonNull(providerModel, "providerModel");
            int colon = providerModel.indexOf(':');
            if (colon <= 0 || colon == providerModel.length() - 1) {
                throw new IllegalArgumentException("a binding is provider:model, was '" + providerModel + "'");
            }
            rates.put("binding:" + providerModel, Objects.requireNonNull(limit, "limit"));
            return this;
        }

        /**
         * Limits for a provider's key: every model called through it.
         *
         * @param provider the provider's name, such as {@code anthropic}
         * @param limit its limits
         * @return this builder
         * @throws IllegalArgumentException when the name is blank or contains ':'
         */
        public Builder provider(String provider, RateLimit limit) {
            rates.put("provider:" + name(provider, "provider"), Objects.requireNonNull(limit, "limit"));
            return this;
        }

        /**
         * Limits for the calls that name {@code alias} (the request's model string as given).
         *
         * @param alias the alias
         * @param limit its limits, across the alias's whole pool
         * @return this builder
         * @throws IllegalArgumentException when blank
         */
        public Builder alias(String alias, RateLimit limit) {
            Objects.requireNonNull(alias, "alias");
            if (alias.isBlank()) throw new IllegalArgumentException("alias must not be blank");
            rates.put("alias:" + alias, Objects.requireNonNull(limit, "limit"));
            return this;
        }

        /**
         * A spend budget per period for the calls that name {@code alias}.
         *
         * @param alias the alias
         * @param period the UTC day or calendar month the budget is for
         * @param usd the budget in US dollars; zero refuses every priced call
         * @return this builder
         * @throws IllegalArgumentException when the alias is blank or the amount negative
         */
        public Builder aliasBudget(String alias, Period period, BigDecimal usd) {
            Objects.requireNonNull(alias, "alias");
            if (alias.isBlank()) throw new IllegalArgumentException("alias must not be blank");
            budgets.add(new BudgetRule(BudgetRule.Kind.ALIAS, alias, period(period), dollars(usd)));
            return this;
        }

        /**
         * A spend budget per period for the calls tagged {@code tag} ({@code ChatRequest.Builder.tag}).
         *
         * @param tag the tag (a tenant or user id)
         * @param period the UTC day or calendar month the budget is for
         * @param usd the budget in US dollars
         * @return this builder
         * @throws IllegalArgumentException when the tag is blank or the amount negative
         */
        public Builder tagBudget(String tag, Period period, BigDecimal usd) {
            Objects.requireNonNull(tag, "tag");
            if (tag.isBlank()) throw new IllegalArgumentException("tag must not be blank");
            budgets.add(new BudgetRule(BudgetRule.Kind.TAG, tag, period(period), dollars(usd)));
            return this;
        }

        /**
         * A spend budget per period for each tag separately (per tenant, per user): every tagged call books on its
         * own tag's account.
         *
         * @param period the UTC day or calendar month the budget is for
         * @param usd each tag's budget in US dollars
         * @return this builder
         * @throws IllegalArgumentException when the amount is negative
         */
        public Builder eachTagBudget(Period period, BigDecimal usd) {
            budgets.add(new BudgetRule(BudgetRule.Kind.TAG, null, period(period), dollars(usd)));
            return this;
        }

        /**
         * Where budgets book (default: a new {@link InMemorySpendLedger} per client).
         *
         * @param ledger the ledger, shared by every client built with these limits
         * @return this builder
         */
        public Builder ledger(SpendLedger ledger) {
            this.ledger = Objects.requireNonNull(ledger, "ledger");
            return this;
        }

        /**
         * Whether the lockfile's limits apply too (default true; these win for the same scope).
         *
         * @param read false to ignore the lockfile's {@code constraints}
         * @return this builder
         */
        public Builder readLockfile(boolean read) {
            this.readLockfile = read;
            return this;
        }

        /**
         * The limits.
         *
         * @return a new, immutable factory of limiters
         */
        public Limits build() {
            return new Limits(new LimitsSpec(rates, budgets, ledger, readLockfile));
        }

        private static Period period(Period p) {
            return Objects.requireNonNull(p, "period");
        }

        private static BigDecimal dollars(BigDecimal usd) {
            Objects.requireNonNull(usd, "usd");
            if (usd.signum() < 0) throw new IllegalArgumentException("a budget must not be negative, was " + usd);
            return usd;
        }

        private static String name(String s, String what) {
            Objects.requireNonNull(s, what);
            if (s.isBlank() || s.contains(":")) {
                throw new IllegalArgumentException(what + " must be a name without ':', was '" + s + "'");
            }
            return s;
        }
    }
}
