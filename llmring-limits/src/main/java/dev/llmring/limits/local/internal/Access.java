package dev.llmring.limits.local.internal;

import dev.llmring.limits.local.Limits;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Lets {@code llmring-redis} read a {@link Limits}' spec without making it public API. */
public final class Access {
    private static volatile @Nullable Function<Limits, LimitsSpec> specs;

    private Access() {}

    /**
     * Called once by {@link Limits}, from its static initialiser.
     *
     * @param f reads a {@link Limits}' spec
     */
    public static void register(Function<Limits, LimitsSpec> f) {
        specs = Objects.requireNonNull(f, "f");
    }

    /**
     * The spec {@code limits} was built with.
     *
     * @param limits built limits
     * @return their spec
     */
    public static LimitsSpec spec(Limits limits) {
        Objects.requireNonNull(limits, "limits");
        return Objects.requireNonNull(specs, "Limits is not initialised").apply(limits);
    }
}
