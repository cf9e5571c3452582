package dev.llmring.limits.local.internal;

import dev.llmring.limits.Limiter;
import dev.llmring.limits.LimiterFactory;
import dev.llmring.limits.local.Limits;

/** The factory {@link java.util.ServiceLoader} finds: the lockfile's limits, in this process, spend in memory. */
public final class DiscoveredLimits implements LimiterFactory {

    /** For {@link java.util.ServiceLoader}. */
    public DiscoveredLimits() {}

    /**
     * A limiter with the lockfile's limits, spend in memory.
     *
     * @param context the client's lockfile profile and clock
     * @return a new limiter
     * @throws dev.llmring.lockfile.LockfileException when the lockfile's limits are malformed
     */
    @Override
    public Limiter create(Context context) {
        return Limits.builder().build().create(context);
    }
}
