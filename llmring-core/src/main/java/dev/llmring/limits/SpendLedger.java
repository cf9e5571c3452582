package dev.llmring.limits;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * Where period budgets are booked: per account (such as {@code alias/summarizer/month/2026-07}) the settled spend
 * plus the reservations in flight. Reserving is atomic: two callers can never both fit into the last dollar. The
 * limits module has one in memory and one in a file; {@code llmring-redis} shares one across processes.
 */
public interface SpendLedger extends AutoCloseable {

    /**
     * Reserves {@code amount} on {@code account} if the settled spend plus every open reservation plus
     * {@code amount} stays within {@code limit}.
     *
     * @param account the account, period included
     * @param amount the worst-case cost to hold, in US dollars
     * @param limit the account's budget for the period, in US dollars
     * @param periodEnd when the account's period ends (a ledger may forget the account after it)
     * @return the reservation, or empty when it does not fit
     */
    Optional<Reservation> reserve(String account, BigDecimal amount, BigDecimal limit, Instant periodEnd);

    /**
     * The settled spend plus the open reservations on {@code account}.
     *
     * @param account the account, period included
     * @return the booked amount in US dollars
     */
    BigDecimal booked(String account);

    /** Releases what the ledger holds. */
    @Override
    default void close() {}

    /** An amount held on an account until it is settled. */
    interface Reservation {

        /**
         * Replaces the reserved amount by {@code actual}, the real cost. Only the first settle counts.
         *
         * @param actual the real cost in US dollars
         */
        void settle(BigDecimal actual);
    }
}
