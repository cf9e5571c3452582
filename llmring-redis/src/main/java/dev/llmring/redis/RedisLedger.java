package dev.llmring.redis;

import dev.llmring.limits.SpendLedger;
import dev.llmring.limits.local.InMemorySpendLedger;
import io.lettuce.core.ScriptOutputType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A spend ledger in Redis: one integer key per account, in nano-dollars. Reserving is one Lua script (read, check
 * against the limit, add, set the expiry at the period's end), so processes never both fit into the last dollar;
 * settling adds the difference between the real cost and the reservation. A process that dies with calls in flight
 * leaves their worst case booked. While Redis is down, reservations go to a local ledger holding {@code
 * 1/instances} of each budget, and are settled there.
 *
 * <p>What is booked while Redis is down (local reservations and their settling, and the settling of reservations
 * made in Redis before it went) is also kept as a debt per account, and added to Redis (one script: add, set the
 * expiry) by the first ledger operation that reaches Redis again, so the shared ledger does not forget an outage's
 * spend. A debt whose period has ended is dropped. A process that dies during the outage takes its debt with it.
 */
final class RedisLedger implements SpendLedger {
    private static final String RESERVE = "local booked = tonumber(redis.call('GET', KEYS[1]) or '0')\n"
            + "local amount = tonumber(ARGV[1])\n"
            + "local limit = tonumber(ARGV[2])\n"
            + "if booked + amount > limit or booked >= limit then return -1 end\n"
            + "redis.call('INCRBY', KEYS[1], ARGV[1])\n"
            + "redis.call('PEXPIREAT', KEYS[1], ARGV[3])\n"
            + "return booked + amount\n";

    private final RedisLink link;
    private final String prefix;
    private final int instances;
    private static final String REPAY =
            "redis.call('INCRBY', KEYS[1], ARGV[1])\n" + "redis.call('PEXPIREAT', KEYS[1], ARGV[2])\n" + "return 1\n";

    private final InMemorySpendLedger local = new InMemorySpendLedger();
    private final Map<String, Debt> debts = new ConcurrentHashMap<>();

    RedisLedger(RedisLink link, String prefix, int instances) {
        this.link = link;
        this.prefix = prefix + "spend:";
        this.instances = instances;
    }

    static long nanos(BigDecimal usd) {
        return usd.movePointRight(9).setScale(0, java.math.RoundingMode.CEILING).longValueExact();
    }

    /** Spend booked on the fallback and not yet in Redis, in nano-dollars, with the end of its period. */
    private static final class Debt {
        final AtomicLong nanos = new AtomicLong();
        final Instant periodEnd;

        Debt(Instant periodEnd) {
            this.periodEnd = periodEnd;
        }
    }

    private void owe(String account, Instant periodEnd, long nanos) {
        if (nanos != 0)
            debts.computeIfAbsent(account, a -> new Debt(periodEnd)).nanos.addAndGet(nanos);
    }

    /** Adds every debt to Redis (called inside a Redis-side operation: a failure there falls back as usual). */
    private void repay() {
        if (debts.isEmpty()) return;
        for (Map.Entry<String, Debt> e : debts.entrySet()) {
            Debt d = e.getValue();
            if (!d.periodEnd.isAfter(link.clock().instant())) {
                debts.remove(e.getKey(), d);
                continue;
            }
            long n = d.nanos.getAndSet(0);
            if (n == 0) continue;
            try {
                link.strings()
                        .sync()
                        .eval(
                                REPAY,
                                ScriptOutputType.INTEGER,
                                new String[] {prefix + e.getKey()},
                                Long.toString(n),
                                Long.toString(d.periodEnd.toEpochMilli()));
            } catch (RuntimeException failed) {
                d.nanos.addAndGet(n); // still owed; the caller falls back
                throw failed;
            }
        }
    }

    /** The debts not yet in Redis, by account, in US dollars (for tests and diagnostics). */
    Map<String, BigDecimal> debts() {
        Map<String, BigDecimal> out = new java.util.TreeMap<>();
        debts.forEach((a, d) -> {
            long n = d.nanos.get();
            if (n != 0) out.put(a, BigDecimal.valueOf(n).movePointLeft(9));
        });
        return out;
    }

    @Override
    public Optional<Reservation> reserve(String account, BigDecimal amount, BigDecimal limit, Instant periodEnd) {
        Objects.requireNonNull(account, "account");
        long reserved = nanos(amount);
        return link.call(
                () -> {
                    repay();
                    Long r = link.strings()
                            .sync()
                            .eval(
                                    RESERVE,
                                    ScriptOutputType.INTEGER,
                                    new String[] {prefix + account},
                                    Long.toString(reserved),
                                    Long.toString(nanos(limit)),
                                    Long.toString(periodEnd.toEpochMilli()));
                    return r != null && r >= 0
                            ? Optional.of(settleInRedis(account, periodEnd, reserved))
                            : Optional.empty();
                },
                () -> reserveLocally(account, amount, limit, periodEnd));
    }

    private Optional<Reservation> reserveLocally(String account, BigDecimal amount, BigDecimal limit, Instant end) {
        Optional<Reservation> r = local.reserve(
                account, amount, limit.divide(BigDecimal.valueOf(instances), 9, java.math.RoundingMode.DOWN), end);
        if (r.isEmpty()) return r;
        long reserved = nanos(amount);
        owe(account, end, reserved);
        Reservation inner = r.get();
        AtomicBoolean settled = new AtomicBoolean();
        return Optional.of(actual -> {
            if (!settled.compareAndSet(false, true)) return;
            inner.settle(actual);
            owe(account, end, nanos(actual) - reserved);
            if (!link.isDown()) link.call(this::repayNow, () -> null);
        });
    }

    private @Nullable Void repayNow() {
        repay();
        return null;
    }

    private Reservation settleInRedis(String account, Instant periodEnd, long reserved) {
        AtomicBoolean settled = new AtomicBoolean();
        return actual -> {
            if (!settled.compareAndSet(false, true)) return;
            long delta = nanos(actual) - reserved;
            if (delta == 0) return;
            link.call(() -> link.strings().sync().incrby(prefix + account, delta), () -> {
                owe(account, periodEnd, delta);
                return 0L;
            });
        };
    }

    @Override
    public BigDecimal booked(String account) {
        return link.call(
                () -> {
                    repay();
                    String v = link.strings().sync().get(prefix + account);
                    return v == null ? BigDecimal.ZERO : new BigDecimal(v).movePointLeft(9);
                },
                () -> local.booked(account));
    }
}
