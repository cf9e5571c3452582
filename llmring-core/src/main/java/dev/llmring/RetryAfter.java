package dev.llmring;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * Reads the delay a server asks for: {@code retry-after-ms} (milliseconds, OpenAI and Anthropic send it) first, then
 * {@code Retry-After} as delta-seconds or as an HTTP date (RFC 9110), the date taken against the client's clock. A
 * date in the past means "now". Unparseable values are ignored.
 */
final class RetryAfter {
    private static final Duration MAX = Duration.ofDays(1);

    private RetryAfter() {}

    static @Nullable Duration fromHeaders(HttpHeaders headers, Clock clock) {
        Duration ms = headers.firstValue("retry-after-ms")
                .map(RetryAfter::milliseconds)
                .orElse(null);
        if (ms != null) return ms;
        return headers.firstValue("retry-after").map(v -> parse(v, clock)).orElse(null);
    }

    static @Nullable Duration milliseconds(String value) {
        try {
            double ms = Double.parseDouble(value.trim());
            if (!(ms >= 0) || Double.isInfinite(ms)) return null;
            return min(Duration.ofNanos((long) Math.min(ms * 1_000_000d, MAX.toNanos())));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Delta-seconds (digits, a fraction tolerated) or an HTTP date. */
    static @Nullable Duration parse(String value, Clock clock) {
        String v = value.trim();
        if (v.isEmpty()) return null;
        if (Character.isDigit(v.charAt(0))) {
            try {
                double seconds = Double.parseDouble(v);
                if (Double.isInfinite(seconds) || Double.isNaN(seconds)) return null;
                return min(Duration.ofNanos((long) Math.min(seconds * 1e9, MAX.toNanos())));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration d = Duration.between(clock.instant(), at.toInstant());
            return d.isNegative() ? Duration.ZERO : min(d);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Duration min(Duration d) {
        return d.compareTo(MAX) > 0 ? MAX : d;
    }
}
