package dev.llmring.batch;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * The budget of a run: before a request is sent its worst case is reserved against what is left; after the answer
 * the reservation is replaced by the real cost. What earlier runs of the same journal paid counts as spent. Without a
 * limit, reservations always succeed and only the spending is counted.
 */
final class Ledger {
    private final @Nullable BigDecimal limit;
    private BigDecimal spent;
    private BigDecimal reserved = BigDecimal.ZERO;

    Ledger(@Nullable BigDecimal limit, BigDecimal spentBefore) {
        this.limit = limit;
        this.spent = spentBefore;
    }

    boolean limited() {
        return limit != null;
    }

    /** Reserves {@code worstCase}; false (and nothing reserved) when it does not fit in what is left. */
    synchronized boolean reserve(BigDecimal worstCase) {
        if (limit != null && spent.add(reserved).add(worstCase).compareTo(limit) > 0) return false;
        reserved = reserved.add(worstCase);
        return true;
    }

    /** Replaces the reservation {@code reservedAmount} by what was really paid. */
    synchronized void settle(BigDecimal reservedAmount, BigDecimal paid) {
        reserved = reserved.subtract(reservedAmount);
        spent = spent.add(paid);
    }

    synchronized BigDecimal left() {
        return limit == null ? BigDecimal.ZERO : limit.subtract(spent).subtract(reserved);
    }
}
