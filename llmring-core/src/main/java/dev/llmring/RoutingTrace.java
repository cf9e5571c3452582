package dev.llmring;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the router did for one call: the alias and profile it resolved, every binding it skipped or tried (each try
 * of each binding is one {@link Attempt}), and the binding that served, if any.
 */
public final class RoutingTrace {
    private final String alias;
    private final String profile;
    private final List<Attempt> attempts;
    private final @Nullable String servedBy;

    /** @param servedBy the {@code provider:model} that served, or {@code null} when none did */
    public RoutingTrace(String alias, String profile, List<Attempt> attempts, @Nullable String servedBy) {
        this.alias = Objects.requireNonNull(alias, "alias");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.attempts = List.copyOf(attempts);
        this.servedBy = servedBy;
    }

    /** The model string of the request, as the caller gave it (alias, {@code pkg:alias} or {@code provider:model}). */
    public String alias() {
        return alias;
    }

    public String profile() {
        return profile;
    }

    /** Skips and tries, in order. */
    public List<Attempt> attempts() {
        return attempts;
    }

    /** The {@code provider:model} binding that served the call. */
    public Optional<String> servedBy() {
        return Optional.ofNullable(servedBy);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof RoutingTrace t
                && t.alias.equals(alias)
                && t.profile.equals(profile)
                && t.attempts.equals(attempts)
                && Objects.equals(t.servedBy, servedBy);
    }

    @Override
    public int hashCode() {
        return Objects.hash(alias, profile, attempts, servedBy);
    }

    /** A readable multi-line account, one line per attempt. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder()
                .append("alias '")
                .append(alias)
                .append("' (profile ")
                .append(profile)
                .append(")")
                .append(servedBy == null ? ", not served" : ", served by " + servedBy);
        for (Attempt a : attempts) sb.append("\n  ").append(a);
        return sb.toString();
    }

    /** One skipped or tried binding. */
    public static final class Attempt {
        /** The endpoint {@link #origin} saw last and its origin; null before the first. */
        private static volatile URI @Nullable [] lastOrigin;

        /** How an attempt ended. */
        public enum Outcome {
            /** The binding served the call. */
            SUCCEEDED,
            /** The binding was tried and failed; see {@link #error()} and {@link #status()}. */
            FAILED,
            /** The binding was not tried; see {@link #reason()}. */
            SKIPPED
        }

        private final String binding;
        private final int number;
        private final Outcome outcome;
        private final @Nullable String error;
        private final int status;
        private final Duration duration;
        private final @Nullable String reason;
        private final @Nullable URI endpoint;

        /**
         * An attempt whose endpoint is not known.
         *
         * @param binding {@code provider:model}
         * @param number 1 for the first try of this binding, 2 for its first retry …; 0 for a skip
         * @param error the simple name of the exception class, for a failure
         * @param status the HTTP status, or 0
         * @param reason a short human explanation (why skipped, or the failure's message)
         */
        public Attempt(
                String binding,
                int number,
                Outcome outcome,
                @Nullable String error,
                int status,
                Duration duration,
                @Nullable String reason) {
            this(binding, number, outcome, error, status, duration, reason, null);
        }

        /**
         * @param binding {@code provider:model}
         * @param number 1 for the first try of this binding, 2 for its first retry …; 0 for a skip
         * @param error the simple name of the exception class, for a failure
         * @param status the HTTP status, or 0
         * @param reason a short human explanation (why skipped, or the failure's message)
         * @param endpoint where the try was sent: scheme, host and port only (see {@link #endpoint()})
         */
        public Attempt(
                String binding,
                int number,
                Outcome outcome,
                @Nullable String error,
                int status,
                Duration duration,
                @Nullable String reason,
                @Nullable URI endpoint) {
            this.binding = Objects.requireNonNull(binding, "binding");
            this.number = number;
            this.outcome = Objects.requireNonNull(outcome, "outcome");
            this.error = error;
            this.status = status;
            this.duration = Objects.requireNonNull(duration, "duration");
            this.reason = reason;
            this.endpoint = endpoint == null ? null : origin(endpoint);
        }

        /**
         * {@code scheme://host[:port]} of {@code uri}: no user info, path, query or fragment. Every attempt of a
         * binding names the same endpoint, so the last answer is kept (one pair, replaced whole) rather than parsing
         * a new URI, with a regular expression, on every call.
         */
        private static URI origin(URI uri) {
            URI[] last = lastOrigin;
            if (last != null && (last[0] == uri || last[0].equals(uri))) return last[1];
            String authority = uri.getRawAuthority();
            if (uri.getScheme() == null || authority == null) return uri;
            URI origin = URI.create(uri.getScheme() + "://" + authority.substring(authority.lastIndexOf('@') + 1));
            lastOrigin = new URI[] {uri, origin};
            return origin;
        }

        public String binding() {
            return binding;
        }

        /** 1 for the first try of this binding, 2 for its first retry, and so on; 0 for a skip. */
        public int number() {
            return number;
        }

        public Outcome outcome() {
            return outcome;
        }

        /** The exception class's simple name, e.g. {@code RateLimitException}, for a failed attempt. */
        public Optional<String> error() {
            return Optional.ofNullable(error);
        }

        /** The HTTP status, or 0. */
        public int status() {
            return status;
        }

        public Duration duration() {
            return duration;
        }

        public Optional<String> reason() {
            return Optional.ofNullable(reason);
        }

        /**
         * Where a try was sent, as {@code scheme://host[:port]} (the port only when the URL had one): for tracing
         * ({@code server.address}, {@code server.port}). Empty for a skip.
         */
        public Optional<URI> endpoint() {
            return Optional.ofNullable(endpoint);
        }

        @Override
        public boolean equals(@Nullable Object o) {
            return o instanceof Attempt a
                    && a.binding.equals(binding)
                    && a.number == number
                    && a.outcome == outcome
                    && Objects.equals(a.error, error)
                    && a.status == status
                    && a.duration.equals(duration)
                    && Objects.equals(a.reason, reason)
                    && Objects.equals(a.endpoint, endpoint);
        }

        @Override
        public int hashCode() {
            return Objects.hash(binding, number, outcome, error, status, duration, reason, endpoint);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(binding);
            if (number > 0) sb.append(" #").append(number);
            sb.append(' ').append(outcome);
            if (error != null) sb.append(' ').append(error);
            if (status != 0) sb.append(" (").append(status).append(')');
            if (outcome != Outcome.SKIPPED)
                sb.append(" in ").append(duration.toMillis()).append(" ms");
            if (reason != null) sb.append(": ").append(reason);
            return sb.toString();
        }
    }
}
