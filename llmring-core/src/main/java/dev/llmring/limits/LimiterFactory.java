package dev.llmring.limits;

import dev.llmring.lockfile.Profile;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Makes the {@link Limiter} of a client. Found by {@link java.util.ServiceLoader} (so that adding a limits module
 * makes the lockfile's limits take effect) or registered with {@code LlmRing.Builder.limits(LimiterFactory)}, which
 * wins over any found one.
 */
@FunctionalInterface
public interface LimiterFactory {

    /**
     * The limiter for a client being built.
     *
     * @throws dev.llmring.lockfile.LockfileException when the lockfile's limits are malformed (naming file, line and
     *     field)
     * @throws IllegalArgumentException when the factory's own configuration cannot apply
     */
    Limiter create(Context context);

    /** What a client being built tells its limiter factory. */
    final class Context {
        private final @Nullable Profile profile;
        private final Clock clock;

        /** @param profile the lockfile profile the client routes in; null without a lockfile */
        public Context(@Nullable Profile profile, Clock clock) {
            this.profile = profile;
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        /** The lockfile profile the client routes in (its bindings' constraints hold lockfile limits). */
        public Optional<Profile> profile() {
            return Optional.ofNullable(profile);
        }

        /** The client's clock. */
        public Clock clock() {
            return clock;
        }
    }
}
