package dev.llmring.limits.local.internal;

import dev.llmring.limits.Limiter;
import dev.llmring.limits.LimiterFactory;
import dev.llmring.limits.local.Limits;

/** The factory {@link java.util.ServiceLoader} finds: the lockfile's limits, in this process, spend in memory. */
public final class DiscoveredLimits implements LimiterFactory {

    /** For {@link java.util.ServiceLoader}. */
    public DiscoveredLimits() {}

    @Override
    public Limiter create(Context context) {
        return Limits.builder().build().create(context);
    }
}
