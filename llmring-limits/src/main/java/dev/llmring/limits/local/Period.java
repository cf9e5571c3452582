package dev.llmring.limits.local;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** A budget period, in UTC: a calendar day or a calendar month. */
public enum Period {
    /** A calendar day, from midnight UTC. */
    DAY,
    /** A calendar month, from midnight UTC on its first day. */
    MONTH;

    /**
     * The start of the period that holds {@code at}.
     *
     * @param at an instant
     * @return the period's first instant
     */
    public Instant start(Instant at) {
        LocalDate d = LocalDate.ofInstant(at, ZoneOffset.UTC);
        return (this == DAY ? d : d.withDayOfMonth(1))
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
    }

    /**
     * The end (exclusive) of the period that holds {@code at}.
     *
     * @param at an instant
     * @return the next period's first instant
     */
    public Instant end(Instant at) {
        LocalDate d = LocalDate.ofInstant(start(at), ZoneOffset.UTC);
        return (this == DAY ? d.plusDays(1) : d.plusMonths(1))
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
    }

    /**
     * The period's name for ledger accounts: {@code 2026-07-14} or {@code 2026-07}.
     *
     * @param at an instant
     * @return the name of the period that holds it
     */
    public String label(Instant at) {
        LocalDate d = LocalDate.ofInstant(at, ZoneOffset.UTC);
        return this == DAY ? d.toString() : d.toString().substring(0, 7);
    }

    /**
     * The period's name in lockfile keys and ledger accounts.
     *
     * @return {@code day} or {@code month}
     */
    public String key() {
        return this == DAY ? "day" : "month";
    }
}
