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
     * @param context the client's lockfile profile and clock
     * @return the limiter; the client closes it when it closes
     * @throws dev.llmring.lockfile.LockfileException when the lockfile's limits are malformed (naming file, line and
     *     field)
     * @throws IllegalArgumentException when the factory's own configuration cannot apply
     */
    Limiter create(Context context);

    /** What a client being built tells its limiter factory. */
    final class Context {
        private final @Nullable Profile profile;
        private final Clock clock;

        /**
         * Creates the context.
         *
         * @param profile the lockfile profile the client routes in; null without a lockfile
         * @param clock the client's clock
         */
        public Context(@Nullable Profile profile, Clock clock) {
            this.profile = profile;
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        /** {@return the lockfile profile the client routes in (its bindings' constraints hold lockfile limits)} */
        public Optional<Profile> profile() {
            return Optional.ofNullable(profile);
        }

        /** {@return the client's clock} */
        public Clock clock() {
            return clock;
        }
    }
}
