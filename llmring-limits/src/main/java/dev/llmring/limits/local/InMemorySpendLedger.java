package dev.llmring.limits.local;

import dev.llmring.limits.SpendLedger;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A spend ledger in this process's memory: gone when the process ends. The default of {@link Limits}. Thread-safe;
 * each account is updated under its own lock.
 */
public final class InMemorySpendLedger implements SpendLedger {
    private final Map<String, BigDecimal[]> accounts = new ConcurrentHashMap<>();

    /** An empty ledger. */
    public InMemorySpendLedger() {}

    @Override
    public Optional<Reservation> reserve(String account, BigDecimal amount, BigDecimal limit, Instant periodEnd) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(periodEnd, "periodEnd");
        BigDecimal[] booked = accounts.computeIfAbsent(account, a -> new BigDecimal[] {BigDecimal.ZERO});
        synchronized (booked) {
            if (!fits(booked[0], amount, limit)) return Optional.empty();
            booked[0] = booked[0].add(amount);
        }
        AtomicBoolean settled = new AtomicBoolean();
        return Optional.of(actual -> {
            Objects.requireNonNull(actual, "actual");
            if (!settled.compareAndSet(false, true)) return;
            synchronized (booked) {
                booked[0] = booked[0].add(actual).subtract(amount);
            }
        });
    }

    @Override
    public BigDecimal booked(String account) {
        BigDecimal[] booked = accounts.get(account);
        if (booked == null) return BigDecimal.ZERO;
        synchronized (booked) {
            return booked[0];
        }
    }

    /**
     * The rule every ledger applies: the booked amount plus {@code amount} stays within {@code limit}, and a budget
     * already spent admits nothing more, not even a call of unknown (zero) worst case.
     */
    static boolean fits(BigDecimal booked, BigDecimal amount, BigDecimal limit) {
        return booked.add(amount).compareTo(limit) <= 0 && booked.compareTo(limit) < 0;
    }

    @Override
    public String toString() {
        return "InMemorySpendLedger[" + accounts.size() + " accounts]";
    }
}
