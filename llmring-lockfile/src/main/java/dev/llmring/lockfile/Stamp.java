package dev.llmring.lockfile;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * A lockfile timestamp ({@code created_at}, {@code updated_at}) kept losslessly: the instant with its offset, and
 * the exact text it was read from, which is what gets written back. New stamps are written the way Python's
 * {@code datetime.isoformat()} writes them: {@code 2025-09-28T12:05:34.812341+00:00}, microseconds only when
 * non-zero.
 */
final class Stamp {
    private final OffsetDateTime value;
    private final String text;

    private Stamp(OffsetDateTime value, String text) {
        this.value = value;
        this.text = text;
    }

    static Stamp now(Clock clock) {
        return of(
                OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS));
    }

    static Stamp of(OffsetDateTime value) {
        return new Stamp(value, isoformat(value));
    }

    /** Parses ISO 8601 with an offset; returns null when the text is a date-time without offset. */
    static @Nullable Stamp parse(String text) {
        try {
            return new Stamp(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME), text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A date-time without offset, read as UTC (Python's naive datetimes); written back as read. */
    static @Nullable Stamp parseNaiveAsUtc(String text) {
        try {
            return new Stamp(
                    LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                            .atOffset(ZoneOffset.UTC),
                    text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    OffsetDateTime value() {
        return value;
    }

    String text() {
        return text;
    }

    private static String isoformat(OffsetDateTime t) {
        StringBuilder out = new StringBuilder(32);
        out.append(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").format(t));
        int nanos = t.getNano();
        if (nanos != 0) {
            String nine = String.format("%09d", nanos);
            out.append('.').append(nanos % 1000 == 0 ? nine.substring(0, 6) : nine);
        }
        int seconds = t.getOffset().getTotalSeconds();
        out.append(seconds < 0 ? '-' : '+');
        int abs = Math.abs(seconds);
        out.append(String.format("%02d:%02d", abs / 3600, abs / 60 % 60));
        if (abs % 60 != 0) {
            out.append(String.format(":%02d", abs % 60));
        }
        return out.toString();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Stamp && value.equals(((Stamp) o).value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
