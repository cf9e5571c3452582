package dev.llmring.limits.local.internal;

import dev.llmring.limits.SpendLedger;
import dev.llmring.limits.local.RateLimit;
import dev.llmring.lockfile.Profile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link dev.llmring.limits.local.Limits} holds: rate limits by scope ({@code binding:provider:model},
 * {@code provider:name}, {@code alias:name}), budgets, the ledger, and whether the lockfile's limits apply.
 *
 * @param rates the rate limits by scope
 * @param budgets the budgets, a later one replacing an earlier one of the same alias or tag and period
 * @param ledger where budgets book; null: a new one in memory per client
 * @param readLockfile whether the lockfile's limits apply too
 */
public record LimitsSpec(
        Map<String, RateLimit> rates, List<BudgetRule> budgets, @Nullable SpendLedger ledger, boolean readLockfile) {

    /**
     * Copies the collections.
     *
     * @param rates the rate limits by scope
     * @param budgets the budgets
     * @param ledger where budgets book, or null
     * @param readLockfile whether the lockfile's limits apply too
     */
    public LimitsSpec {
        rates = Map.copyOf(rates);
        budgets = List.copyOf(budgets);
    }

    /**
     * The lockfile's limits (when read) overridden by these, scope by scope and budget by budget.
     *
     * @param profile the client's lockfile profile, or null when it has none
     * @return the merged spec (this one when the lockfile is not read)
     * @throws dev.llmring.lockfile.LockfileException when the lockfile's limits are malformed
     */
    public LimitsSpec mergedWith(@Nullable Profile profile) {
        if (!readLockfile || profile == null) return this;
        LimitsSpec file = LockfileLimits.read(profile);
        Map<String, RateLimit> r = new LinkedHashMap<>(file.rates());
        r.putAll(rates);
        Map<String, BudgetRule> b = new LinkedHashMap<>();
        for (BudgetRule rule : file.budgets()) b.put(rule.identity(), rule);
        for (BudgetRule rule : budgets) b.put(rule.identity(), rule);
        return new LimitsSpec(r, new ArrayList<>(b.values()), ledger, true);
    }

    static String bindingScope(String providerModel) {
        return "binding:" + providerModel;
    }

    static String providerScope(String provider) {
        return "provider:" + provider;
    }

    static String aliasScope(String alias) {
        return "alias:" + alias;
    }
}
