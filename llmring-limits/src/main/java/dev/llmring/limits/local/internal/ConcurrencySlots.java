package dev.llmring.limits.local.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;

/**
 * Where concurrency slots live: in this process ({@link #local}) or shared (Redis). Answers at once.
 */
public interface ConcurrencySlots {

    /**
     * Takes one of the {@code max} slots of {@code key}.
     *
     * @param key the scope's slots, such as {@code binding:openai:gpt-4o/slots}
     * @param max how many slots the scope has
     * @return what gives it back (run exactly once), or null when every slot is taken
     */
    @Nullable
    Runnable tryAcquire(String key, int max);

    /**
     * Semaphores in this process, each holding {@code max / divisor} slots (at least 1).
     *
     * @param divisor how many processes share the slots (1: this one alone)
     * @return new slots
     */
    static ConcurrencySlots local(int divisor) {
        Map<String, Semaphore> semaphores = new ConcurrentHashMap<>();
        return (key, max) -> {
            Semaphore s = semaphores.computeIfAbsent(key, k -> new Semaphore(Math.max(1, max / Math.max(1, divisor))));
            return s.tryAcquire() ? s::release : null;
        };
    }
}
