package dev.llmring;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The settings the Python project LLMRing reads from its environment, read from the client's environment with the
 * same meaning. Each applies only where the builder left the setting alone: what the builder sets wins. A value that
 * cannot be read fails the build naming the variable and the value.
 */
final class RingEnvironment {
    /** Seconds one provider request may take, or {@code none}/{@code off}/{@code disabled}/{@code infinite}. */
    static final String PROVIDER_TIMEOUT = "LLMRING_PROVIDER_TIMEOUT_S";
    /** A truthy value ({@code 1}, {@code true}, {@code yes}, {@code on}): refuse what cannot be priced. */
    static final String STRICT_COST = "LLMRING_STRICT_COST";
    /** Comma-separated host names the safe fetcher may download from (empty: any public host). */
    static final String ALLOWED_HOSTS = "LLMRING_ALLOWED_HOSTS";
    /** The safe fetcher's size cap in bytes. */
    static final String MAX_DOWNLOAD = "LLMRING_MAX_DOWNLOAD_SIZE_BYTES";
    /** The safe fetcher's connect timeout, seconds. */
    static final String CONNECT_TIMEOUT = "LLMRING_CONNECT_TIMEOUT_S";
    /** The safe fetcher's read timeout, seconds. */
    static final String READ_TIMEOUT = "LLMRING_READ_TIMEOUT_S";
    /** The safe fetcher's whole-download timeout, seconds. */
    static final String TOTAL_TIMEOUT = "LLMRING_TOTAL_TIMEOUT_S";
    /** A truthy value: send images given by URL as fetched bytes, whatever the provider. */
    static final String INLINE_REMOTE_IMAGES = "LLMRING_INLINE_REMOTE_IMAGES";

    private static final Set<String> TRUTHY = Set.of("1", "true", "yes", "on");
    private static final Set<String> NO_TIMEOUT = Set.of("none", "off", "disable", "disabled", "infinite");

    private final Function<String, @Nullable String> environment;

    RingEnvironment(Function<String, @Nullable String> environment) {
        this.environment = environment;
    }

    /**
     * The builder's timeouts, else the defaults with {@value #PROVIDER_TIMEOUT} as the bound of one attempt and of
     * a stream's first event ({@code none}: only the call's deadline bounds them).
     */
    Timeouts timeouts(@Nullable Timeouts set) {
        if (set != null) return set;
        String value = value(PROVIDER_TIMEOUT);
        if (value == null) return Timeouts.defaults();
        Timeouts defaults = Timeouts.defaults();
        Duration bound = NO_TIMEOUT.contains(value.toLowerCase(Locale.ROOT))
                ? defaults.deadline()
                : seconds(PROVIDER_TIMEOUT, value);
        return defaults.toBuilder().attempt(bound).streamFirstEvent(bound).build();
    }

    /** The builder's choice, else whether {@value #STRICT_COST} is truthy. */
    boolean strictPricing(@Nullable Boolean set) {
        return set != null ? set : truthy(STRICT_COST);
    }

    /**
     * The builder's policy, else the disabled policy with the fetcher's variables applied: allowlist, size cap,
     * connect/read/total timeouts and inlining ({@code LLMRING_ALLOW_REMOTE_URLS} switches fetching on either way).
     */
    RemoteUrlPolicy remoteUrls(@Nullable RemoteUrlPolicy set) {
        if (set != null) return set;
        RemoteUrlPolicy.Builder b = RemoteUrlPolicy.builder();
        try {
            String hosts = value(ALLOWED_HOSTS);
            if (hosts != null) {
                List<String> list = Arrays.stream(hosts.split(","))
                        .map(String::strip)
                        .filter(h -> !h.isEmpty())
                        .toList();
                b.allowedHosts(list);
            }
            String max = value(MAX_DOWNLOAD);
            if (max != null) b.maxBytes(Long.parseLong(max));
        } catch (IllegalArgumentException e) { // NumberFormatException included
            throw new IllegalArgumentException(
                    "cannot read " + ALLOWED_HOSTS + " / " + MAX_DOWNLOAD + ": " + e.getMessage(), e);
        }
        String connect = value(CONNECT_TIMEOUT);
        if (connect != null) b.connectTimeout(seconds(CONNECT_TIMEOUT, connect));
        String read = value(READ_TIMEOUT);
        if (read != null) b.readTimeout(seconds(READ_TIMEOUT, read));
        String total = value(TOTAL_TIMEOUT);
        if (total != null) b.totalTimeout(seconds(TOTAL_TIMEOUT, total));
        if (truthy(INLINE_REMOTE_IMAGES)) b.inlineAlways(true);
        return b.build();
    }

    private @Nullable String value(String name) {
        String v = environment.apply(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private boolean truthy(String name) {
        String v = value(name);
        return v != null && TRUTHY.contains(v.toLowerCase(Locale.ROOT));
    }

    /** Seconds as LLMRing writes them (a decimal number, such as {@code 2.5}), to the millisecond. */
    private static Duration seconds(String name, String value) {
        double s;
        try {
            s = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number of seconds, was '" + value + "'", e);
        }
        if (!(s > 0) || Double.isInfinite(s) || s > 86_400 * 365) {
            throw new IllegalArgumentException(name + " must be a positive number of seconds, was '" + value + "'");
        }
        return Duration.ofMillis(Math.max(1, Math.round(s * 1000)));
    }
}
