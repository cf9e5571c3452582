package dev.llmring.batch;

import dev.llmring.ChatResponse;
import dev.llmring.Usage;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * Where outcomes go, one at a time: the journal first (the source of truth), then the index, then the output. Keeps
 * the run's counts. Once {@linkplain #freeze() frozen} nothing more is recorded: what was recorded is whole in both
 * files.
 */
final class Recorder {
    private final Journal journal;
    private final JournalIndex index;
    private final Output output;
    private boolean frozen;

    final LongAdder ok = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder skipped = new LongAdder();
    final LongAdder alreadyDone = new LongAdder();
    final LongAdder inputTokens = new LongAdder();
    final LongAdder outputTokens = new LongAdder();
    final LongAdder unpriced = new LongAdder();
    private BigDecimal cost = BigDecimal.ZERO;

    Recorder(Journal journal, JournalIndex index, Output output) {
        this.journal = journal;
        this.index = index;
        this.output = output;
    }

    /** A line with nothing to record (blank, or done in an earlier run). */
    void pass(long line, boolean doneBefore) {
        if (doneBefore) alreadyDone.increment();
        output.write(line, null);
    }

    void answered(ParsedLine line, ChatResponse response, @Nullable BigDecimal priced, BigDecimal paid) {
        response.usage().ifPresent(this::count);
        if (priced == null) unpriced.increment();
        if (record(line, "ok", paid, Records.ok(line.line(), requireId(line), response))) ok.increment();
    }

    /** Journals an answer from a provider batch job, its record already written. */
    void answered(ParsedLine line, String record, long input, long output, @Nullable BigDecimal priced) {
        inputTokens.add(input);
        outputTokens.add(output);
        if (priced == null) unpriced.increment();
        if (record(line, "ok", priced == null ? BigDecimal.ZERO : priced, record)) ok.increment();
    }

    void failed(ParsedLine line, String record) {
        if (record(line, "error", BigDecimal.ZERO, record)) failed.increment();
    }

    void skipped(ParsedLine line, String reason, String message) {
        if (record(line, "skipped", BigDecimal.ZERO, Records.skipped(line.line(), line.customId(), reason, message))) {
            skipped.increment();
        }
    }

    private synchronized boolean record(ParsedLine line, String status, BigDecimal paid, String record) {
        if (frozen) return false;
        Journal.Entry entry = new Journal.Entry(line.customId(), line.line(), line.requestHash(), status, paid, record);
        long position = journal.append(entry);
        if (position < 0) return false; // another worker recorded this custom_id
        index.add(position, entry);
        output.write(line.line(), record);
        cost = cost.add(paid);
        return true;
    }

    private void count(Usage u) {
        inputTokens.add(u.inputTokens());
        outputTokens.add(u.outputTokens());
    }

    private static String requireId(ParsedLine line) {
        String id = line.customId();
        if (id == null) throw new IllegalStateException("an answered line has a custom_id");
        return id;
    }

    /** Records nothing more; syncs the journal. */
    synchronized void freeze() {
        frozen = true;
        journal.sync();
    }

    synchronized BigDecimal cost() {
        return cost;
    }

    long finished() {
        return ok.sum() + failed.sum() + skipped.sum();
    }

    BatchProgress progress(long total, long inFlight, Duration elapsed, boolean finished) {
        return new BatchProgress(
                total,
                alreadyDone.sum() + finished(),
                ok.sum(),
                failed.sum(),
                skipped.sum(),
                inFlight,
                cost(),
                elapsed,
                finished);
    }
}
