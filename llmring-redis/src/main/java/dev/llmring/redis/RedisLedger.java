package dev.llmring.redis;

import dev.llmring.limits.SpendLedger;
import dev.llmring.limits.local.InMemorySpendLedger;
import io.lettuce.core.ScriptOutputType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A spend ledger in Redis: one integer key per account, in nano-dollars. Reserving is one Lua script (read, check
 * against the limit, add, set the expiry at the period's end), so processes never both fit into the last dollar;
 * settling adds the difference between the real cost and the reservation. A process that dies with calls in flight
 * leaves their worst case booked. While Redis is down, reservations go to a local ledger holding {@code
 * 1/instances} of each budget, and are settled there.
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
    private final InMemorySpendLedger local = new InMemorySpendLedger();

    RedisLedger(RedisLink link, String prefix, int instances) {
        this.link = link;
        this.prefix = prefix + "spend:";
        this.instances = instances;
    }

    static long nanos(BigDecimal usd) {
        return usd.movePointRight(9).setScale(0, java.math.RoundingMode.CEILING).longValueExact();
    }

    @Override
    public Optional<Reservation> reserve(String account, BigDecimal amount, BigDecimal limit, Instant periodEnd) {
        Objects.requireNonNull(account, "account");
        long reserved = nanos(amount);
        return link.call(
                () -> {
                    Long r = link.strings()
                            .sync()
                            .eval(
                                    RESERVE,
                                    ScriptOutputType.INTEGER,
                                    new String[] {prefix + account},
                                    Long.toString(reserved),
                                    Long.toString(nanos(limit)),
                                    Long.toString(periodEnd.toEpochMilli()));
                    return r != null && r >= 0 ? Optional.of(settleInRedis(account, reserved)) : Optional.empty();
                },
                () -> local.reserve(
                        account,
                        amount,
                        limit.divide(BigDecimal.valueOf(instances), 9, java.math.RoundingMode.DOWN),
                        periodEnd));
    }

    private Reservation settleInRedis(String account, long reserved) {
        AtomicBoolean settled = new AtomicBoolean();
        return actual -> {
            if (!settled.compareAndSet(false, true)) return;
            long delta = nanos(actual) - reserved;
            if (delta == 0) return;
            link.call(() -> link.strings().sync().incrby(prefix + account, delta), () -> 0L);
        };
    }

    @Override
    public BigDecimal booked(String account) {
        return link.call(
                () -> {
                    String v = link.strings().sync().get(prefix + account);
                    return v == null ? BigDecimal.ZERO : new BigDecimal(v).movePointLeft(9);
                },
                () -> local.booked(account));
    }
}
