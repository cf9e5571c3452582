package dev.llmring.testing;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/** One adapter's view of the scripts: where to find them and how far each has run. Thread-safe. */
final class ScriptSession {
    private final ScriptBook book;
    private final ConcurrentMap<String, AtomicLong> calls = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private volatile @Nullable String id;

    ScriptSession(ScriptBook book) {
        this.book = book;
    }

    void id(String id) {
        this.id = id;
    }

    String id() {
        String i = id;
        if (i == null) throw new IllegalStateException("session not registered");
        return i;
    }

    ScriptBook book() {
        return book;
    }

    /** Consumes the next step of {@code script}. */
    Step next(Script script) {
        return script.step(
                calls.computeIfAbsent(script.name(), k -> new AtomicLong()).getAndIncrement());
    }

    /** How many requests {@code script} has answered in this session. */
    long calls(String script) {
        AtomicLong n = calls.get(script);
        return n == null ? 0 : n.get();
    }

    String nextRequestId() {
        return "scripted-" + id() + "-" + requests.incrementAndGet();
    }
}
