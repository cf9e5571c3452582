package dev.llmring.limits.local.internal;

import dev.llmring.limits.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a provider's rate-limit headers say is left, and when it refills:
 *
 * <ul>
 *   <li>OpenAI: {@code x-ratelimit-remaining-requests}, {@code x-ratelimit-remaining-tokens}, and
 *       {@code x-ratelimit-reset-requests} / {@code -tokens} as Go-style durations ({@code 6m0s}, {@code 1s},
 *       {@code 120ms});</li>
 *   <li>Anthropic: {@code anthropic-ratelimit-requests-remaining}, {@code anthropic-ratelimit-tokens-remaining},
 *       and {@code anthropic-ratelimit-requests-reset} / {@code -tokens-reset} as RFC 3339 times.</li>
 * </ul>
 *
 * Malformed values are ignored: a header never fails a call.
 */
record ProviderHeaders(
        OptionalLong requestsLeft,
        @Nullable Duration requestsReset,
        OptionalLong tokensLeft,
        @Nullable Duration tokensReset) {

    private static final Pattern GO_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|us|µs|ns|m|s)");

    static ProviderHeaders of(Outcome o, Instant now) {
        OptionalLong requests = number(o, "x-ratelimit-remaining-requests");
        OptionalLong tokens = number(o, "x-ratelimit-remaining-tokens");
        Duration requestsReset = goDuration(o, "x-ratelimit-reset-requests");
        Duration tokensReset = goDuration(o, "x-ratelimit-reset-tokens");
        if (requests.isEmpty()) requests = number(o, "anthropic-ratelimit-requests-remaining");
        if (tokens.isEmpty()) tokens = number(o, "anthropic-ratelimit-tokens-remaining");
        if (requestsReset == null) requestsReset = until(o.header("anthropic-ratelimit-requests-reset"), now);
        if (tokensReset == null) tokensReset = until(o.header("anthropic-ratelimit-tokens-reset"), now);
        return new ProviderHeaders(requests, requestsReset, tokens, tokensReset);
    }

    private static OptionalLong number(Outcome o, String name) {
        Optional<String> v = o.header(name);
        if (v.isEmpty()) return OptionalLong.empty();
        try {
            long n = Long.parseLong(v.get().trim());
            return n < 0 ? OptionalLong.empty() : OptionalLong.of(n);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Header {@code name} read by {@link #goDuration(String)}, or null when absent (no lambda: runs every call). */
    private static @Nullable Duration goDuration(Outcome o, String name) {
        String text = o.header(name).orElse(null);
        return text == null ? null : goDuration(text);
    }

    /** A Go duration such as {@code 1h2m3.5s} or {@code 120ms}; null when malformed. */
    static @Nullable Duration goDuration(String text) {
        String s = text.trim();
        if (s.isEmpty()) return null;
        Matcher m = GO_PART.matcher(s);
        double nanos = 0;
        int at = 0;
        while (m.find()) {
            if (m.start() != at) return null;
            double v = Double.parseDouble(m.group(1));
            nanos += v
                    * switch (m.group(2)) {
                        case "h" -> 3.6e12;
                        case "m" -> 6e10;
                        case "s" -> 1e9;
                        case "ms" -> 1e6;
                        case "us", "µs" -> 1e3;
                        default -> 1;
                    };
            at = m.end();
        }
        return at == s.length() ? Duration.ofNanos((long) nanos) : null;
    }

    private static @Nullable Duration until(Optional<String> rfc3339, Instant now) {
        if (rfc3339.isEmpty()) return null;
        try {
            Duration d = Duration.between(
                    now, OffsetDateTime.parse(rfc3339.get().trim()).toInstant());
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
