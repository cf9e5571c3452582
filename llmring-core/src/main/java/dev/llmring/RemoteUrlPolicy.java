package dev.llmring;

import dev.llmring.internal.fetch.SafeFetcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Whether and how the library may download an image or document given by URL, when the chosen provider needs the
 * bytes rather than the URL. Off by default: {@link #disabled()}. Immutable; build with {@link #builder()}.
 *
 * <pre>{@code
 * RemoteUrlPolicy policy = RemoteUrlPolicy.builder()
 *         .enabled(true)
 *         .allowedHosts("images.example.com", "*.cdn.example.net")
 *         .maxBytes(4 * 1024 * 1024)
 *         .build();
 * }</pre>
 *
 * <p>Fetching is also switched on when the environment variable {@code LLMRING_ALLOW_REMOTE_URLS} is {@code true};
 * the environment never switches it off, and the host allowlist and limits still come from the policy.
 *
 * <p>Whatever the policy, a fetch is refused unless the URL is {@code https}, every address its host resolves to is
 * public (no loopback, private, link-local, CGNAT, multicast, reserved or documentation ranges), the response is a
 * 200 (redirects are never followed), and the body is of an allowed content type that its leading bytes confirm.
 * See {@code docs/remote-urls.md}.
 */
public final class RemoteUrlPolicy {
    /** The content types the fetcher can confirm by their magic bytes, and the default allowlist. */
    public static final Set<String> SUPPORTED_CONTENT_TYPES = Collections.unmodifiableSet(
            new LinkedHashSet<>(List.of("image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf")));

    /** Default size cap: 8 MiB. */
    public static final long DEFAULT_MAX_BYTES = 8L * 1024 * 1024;

    private static final long MAX_MAX_BYTES = 1L << 30;
    private static final RemoteUrlPolicy DISABLED = new Builder().build();

    private final boolean enabled;
    private final Set<String> allowedHosts;
    private final long maxBytes;
    private final Set<String> allowedContentTypes;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration totalTimeout;
    private final boolean inlineAlways;

    private RemoteUrlPolicy(Builder b) {
        this.enabled = b.enabled;
        this.allowedHosts = Collections.unmodifiableSet(new LinkedHashSet<>(b.allowedHosts));
        this.maxBytes = b.maxBytes;
        this.allowedContentTypes = Collections.unmodifiableSet(new LinkedHashSet<>(b.allowedContentTypes));
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.totalTimeout = b.totalTimeout;
        this.inlineAlways = b.inlineAlways;
    }

    /** {@return the default policy: no URL is ever fetched (unless {@code LLMRING_ALLOW_REMOTE_URLS=true})} */
    public static RemoteUrlPolicy disabled() {
        return DISABLED;
    }

    /**
     * {@return a builder starting from the defaults (disabled, any public host, 8 MiB, all supported types,
     * 5s/10s/30s)}
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder starting from this policy} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** {@return whether the policy itself switches fetching on} */
    public boolean enabled() {
        return enabled;
    }

    /**
     * The hosts that may be fetched from, in canonical form ({@code *.example.com} matches any subdomain of
     * {@code example.com}, not {@code example.com} itself); empty means any public host.
     *
     * @return the allowlist, unmodifiable
     */
    public Set<String> allowedHosts() {
        return allowedHosts;
    }

    /** {@return the most bytes a body may have} */
    public long maxBytes() {
        return maxBytes;
    }

    /** {@return the content types accepted (a subset of {@link #SUPPORTED_CONTENT_TYPES}), in the order asked for} */
    public Set<String> allowedContentTypes() {
        return allowedContentTypes;
    }

    /** {@return how long connecting to the server may take} */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** {@return how long the server may stay silent while the handshake or the response is being read} */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** {@return how long the whole fetch (resolving, connecting, handshake, response) may take} */
    public Duration totalTimeout() {
        return totalTimeout;
    }

    /**
     * Whether media URLs are fetched and sent as bytes to every provider, including those that could download the URL
     * themselves (OpenAI and Anthropic images, for instance). Default false: such providers get the URL.
     *
     * @return true when URLs are fetched for every provider
     */
    public boolean inlineAlways() {
        return inlineAlways;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof RemoteUrlPolicy p
                && p.enabled == enabled
                && p.inlineAlways == inlineAlways
                && p.maxBytes == maxBytes
                && p.allowedHosts.equals(allowedHosts)
                && p.allowedContentTypes.equals(allowedContentTypes)
                && p.connectTimeout.equals(connectTimeout)
                && p.readTimeout.equals(readTimeout)
                && p.totalTimeout.equals(totalTimeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                enabled,
                inlineAlways,
                allowedHosts,
                maxBytes,
                allowedContentTypes,
                connectTimeout,
                readTimeout,
                totalTimeout);
    }

    @Override
    public String toString() {
        return "RemoteUrlPolicy{enabled=" + enabled
                + (inlineAlways ? ", inlineAlways" : "")
                + ", allowedHosts=" + (allowedHosts.isEmpty() ? "any public host" : allowedHosts)
                + ", maxBytes=" + maxBytes
                + ", allowedContentTypes=" + allowedContentTypes
                + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout
                + ", totalTimeout=" + totalTimeout + "}";
    }

    /** Builds a {@link RemoteUrlPolicy}; every setter validates at once. */
    public static final class Builder {
        private boolean enabled;
        private Set<String> allowedHosts = new LinkedHashSet<>();
        private long maxBytes = DEFAULT_MAX_BYTES;
        private Set<String> allowedContentTypes = new LinkedHashSet<>(SUPPORTED_CONTENT_TYPES);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration readTimeout = Duration.ofSeconds(10);
        private Duration totalTimeout = Duration.ofSeconds(30);
        private boolean inlineAlways;

        private Builder() {}

        private Builder(RemoteUrlPolicy p) {
            this.enabled = p.enabled;
            this.allowedHosts = new LinkedHashSet<>(p.allowedHosts);
            this.maxBytes = p.maxBytes;
            this.allowedContentTypes = new LinkedHashSet<>(p.allowedContentTypes);
            this.connectTimeout = p.connectTimeout;
            this.readTimeout = p.readTimeout;
            this.totalTimeout = p.totalTimeout;
            this.inlineAlways = p.inlineAlways;
        }

        /**
         * Switches fetching on or off (default off).
         *
         * @param enabled true to allow fetching within this policy's rules
         * @return this builder
         */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /**
         * Replaces the host allowlist (default empty: any public host). Entries are host names, IP literals or
         * {@code *.domain} wildcards; they are canonicalised the way URLs are (IDN, case, trailing dot). Being on the
         * list never lifts the public-address rule.
         *
         * @param hosts the allowed hosts; empty for any public host
         * @return this builder
         * @throws IllegalArgumentException naming the first entry that is not a host name, IP literal or wildcard
         */
        public Builder allowedHosts(Collection<String> hosts) {
            Objects.requireNonNull(hosts, "hosts");
            Set<String> canonical = new LinkedHashSet<>();
            for (String host : hosts) {
                Objects.requireNonNull(host, "hosts contains null");
                try {
                    canonical.add(SafeFetcher.canonicalHost(host.strip()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("not a host name: '" + host + "' (" + e.getMessage() + ")", e);
                }
            }
            this.allowedHosts = canonical;
            return this;
        }

        /**
         * Replaces the host allowlist, as {@link #allowedHosts(Collection)} does.
         *
         * @param hosts the allowed hosts; none for any public host
         * @return this builder
         * @throws IllegalArgumentException naming the first entry that is not a host name, IP literal or wildcard
         */
        public Builder allowedHosts(String... hosts) {
            return allowedHosts(Arrays.asList(Objects.requireNonNull(hosts, "hosts")));
        }

        /**
         * The most bytes a fetched body may have (default 8 MiB); a larger body is refused while it streams in.
         *
         * @param maxBytes the cap, in bytes
         * @return this builder
         * @throws IllegalArgumentException when {@code maxBytes} is not between 1 and 1 GiB
         */
        public Builder maxBytes(long maxBytes) {
            if (maxBytes < 1 || maxBytes > MAX_MAX_BYTES) {
                throw new IllegalArgumentException("maxBytes must be 1.." + MAX_MAX_BYTES + ", was " + maxBytes);
            }
            this.maxBytes = maxBytes;
            return this;
        }

        /**
         * Replaces the accepted content types (default: all of {@link #SUPPORTED_CONTENT_TYPES}).
         *
         * @param types the accepted types, each one of {@link #SUPPORTED_CONTENT_TYPES} (case-insensitive)
         * @return this builder
         * @throws IllegalArgumentException when the collection is empty or names a type the fetcher cannot confirm
         */
        public Builder allowedContentTypes(Collection<String> types) {
            Objects.requireNonNull(types, "types");
            if (types.isEmpty()) throw new IllegalArgumentException("allowedContentTypes must not be empty");
            List<String> normalised = new ArrayList<>();
            for (String type : types) {
                String t = Objects.requireNonNull(type, "types contains null")
                        .strip()
                        .toLowerCase(Locale.ROOT);
                if (!SUPPORTED_CONTENT_TYPES.contains(t)) {
                    throw new IllegalArgumentException("content type '" + type + "' is not one of "
                            + SUPPORTED_CONTENT_TYPES + " (only these can be confirmed by their bytes)");
                }
                normalised.add(t);
            }
            this.allowedContentTypes = new LinkedHashSet<>(normalised);
            return this;
        }

        /**
         * Replaces the accepted content types, as {@link #allowedContentTypes(Collection)} does.
         *
         * @param types the accepted types, each one of {@link #SUPPORTED_CONTENT_TYPES} (case-insensitive)
         * @return this builder
         * @throws IllegalArgumentException when no type is given or one is a type the fetcher cannot confirm
         */
        public Builder allowedContentTypes(String... types) {
            return allowedContentTypes(Arrays.asList(Objects.requireNonNull(types, "types")));
        }

        /**
         * How long connecting to the server may take (default 5 s).
         *
         * @param timeout the bound
         * @return this builder
         * @throws IllegalArgumentException when {@code timeout} is zero or negative
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * How long the server may stay silent during the handshake or while the response is read (default 10 s).
         *
         * @param timeout the bound
         * @return this builder
         * @throws IllegalArgumentException when {@code timeout} is zero or negative
         */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = positive(timeout, "readTimeout");
            return this;
        }

        /**
         * How long the whole fetch (resolving, connecting, handshake, response) may take (default 30 s).
         *
         * @param timeout the bound
         * @return this builder
         * @throws IllegalArgumentException when {@code timeout} is zero or negative
         */
        public Builder totalTimeout(Duration timeout) {
            this.totalTimeout = positive(timeout, "totalTimeout");
            return this;
        }

        /**
         * Whether to fetch media URLs and send the bytes even to providers that download URLs themselves (default
         * false). Use it when URLs must not leave the application (signed URLs, internal naming) or when a provider's
         * own download is unreliable. With fetching off, it means every media URL is refused.
         *
         * @param inlineAlways true to send bytes to every provider
         * @return this builder
         */
        public Builder inlineAlways(boolean inlineAlways) {
            this.inlineAlways = inlineAlways;
            return this;
        }

        /** {@return the policy} */
        public RemoteUrlPolicy build() {
            return new RemoteUrlPolicy(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive, was " + d);
            return d;
        }
    }
}
