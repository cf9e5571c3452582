package dev.llmring.batch;

import java.io.Closeable;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The append-only record of a batch's outcomes, and its source of truth: one {@link Entry} per line finished (or
 * refused), keyed by {@code custom_id} and the hash of the request. A rerun reads it to skip what is done; the output
 * file is derived from it. {@link #inDirectory(Path, Duration)} keeps it in a file; another store (shared by workers)
 * implements this interface. Implementations must be safe for one writer thread at a time (the runner serialises its
 * appends) and must never expose a partly written entry.
 */
public interface Journal extends Closeable {

    /**
     * Calls {@code visitor} with every entry in the order appended, and where it is. An entry torn by a crash at the
     * end is dropped (and, for a file, cut off) rather than read.
     *
     * @param visitor receives each entry with its position
     * @throws java.io.UncheckedIOException when the journal cannot be read
     */
    void replay(Visitor visitor);

    /**
     * Appends {@code entry}; once this returns, the entry survives the process being killed (not necessarily a crash
     * of the machine: see {@link #sync()}).
     *
     * @param entry the outcome to record
     * @return where the entry is, for {@link #read(long)}; or -1 when a journal shared by several workers already
     *     holds an outcome for the entry's {@code custom_id} (another worker recorded it): nothing is then written to
     *     this run's output or counted
     * @throws java.io.UncheckedIOException when it cannot be written
     */
    long append(Entry entry);

    /**
     * The entry at {@code position}, as {@link #append} or {@link #replay} gave it.
     *
     * @param position a position from {@link #append} or {@link #replay}
     * @return the entry
     * @throws java.io.UncheckedIOException when it cannot be read
     */
    Entry read(long position);

    /**
     * Makes every appended entry durable (for a file: {@code fsync}).
     *
     * @throws java.io.UncheckedIOException when that fails
     */
    void sync();

    /** Syncs and releases the journal. */
    @Override
    void close();

    /** Receives the entries of {@link #replay}. */
    @FunctionalInterface
    interface Visitor {
        /**
         * One entry, and where it is (for {@link Journal#read(long)}).
         *
         * @param position where the entry is
         * @param entry the entry
         */
        void entry(long position, Entry entry);
    }

    /**
     * A journal in {@code directory/journal.jsonl}, one JSON object a line, created when missing. Every entry is
     * written with one {@code write} as it is appended, so killing the process loses nothing appended; it is
     * {@code fsync}ed every {@code syncInterval} while appends go on (and on {@link #sync()} and {@link #close()}), so a
     * crash of the machine loses at most that much. {@link Duration#ZERO} syncs every entry.
     *
     * @param directory the state directory (created when missing)
     * @param syncInterval the longest time between two syncs while appending; zero syncs every entry
     * @return the journal, locked for this process until closed
     * @throws IllegalArgumentException when {@code syncInterval} is negative
     * @throws java.io.UncheckedIOException when the directory or file cannot be created
     */
    static Journal inDirectory(Path directory, Duration syncInterval) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(syncInterval, "syncInterval");
        if (syncInterval.isNegative()) throw new IllegalArgumentException("syncInterval must not be negative");
        return FileJournal.open(directory.resolve("journal.jsonl"), syncInterval);
    }

    /** One line's outcome. */
    final class Entry {
        private final @Nullable String customId;
        private final long line;
        private final String requestHash;
        private final String status;
        private final BigDecimal cost;
        private final String record;

        /**
         * One journaled line.
         *
         * @param customId the line's {@code custom_id}; null for a line that has none (unreadable)
         * @param line the line number in the input, from 1
         * @param requestHash the hash of the request the line asked for (empty for an unreadable line)
         * @param status {@code ok}, {@code error} or {@code skipped}
         * @param cost what the line cost in US dollars (zero when nothing was paid or the cost is unknown)
         * @param record the output record, one JSON object without line breaks
         * @throws IllegalArgumentException when the line is not positive or the record holds a line break
         */
        public Entry(
                @Nullable String customId,
                long line,
                String requestHash,
                String status,
                BigDecimal cost,
                String record) {
            if (line <= 0) throw new IllegalArgumentException("line must be positive, was " + line);
            this.customId = customId;
            this.line = line;
            this.requestHash = Objects.requireNonNull(requestHash, "requestHash");
            this.status = Objects.requireNonNull(status, "status");
            this.cost = Objects.requireNonNull(cost, "cost");
            this.record = Objects.requireNonNull(record, "record");
            if (record.indexOf('\n') >= 0 || record.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("a record must be one line");
            }
        }

        /**
         * The line's {@code custom_id}, or null for an unreadable line that has none.
         *
         * @return the {@code custom_id}, or null
         */
        public @Nullable String customId() {
            return customId;
        }

        /**
         * The line number in the input, from 1.
         *
         * @return the line number, from 1
         */
        public long line() {
            return line;
        }

        /**
         * The hash of the request the line asked for (hex; empty for an unreadable line).
         *
         * @return the request hash in hex, or empty
         */
        public String requestHash() {
            return requestHash;
        }

        /**
         * {@code ok}, {@code error} or {@code skipped}.
         *
         * @return the outcome's status
         */
        public String status() {
            return status;
        }

        /**
         * What the line cost in US dollars; zero when nothing was paid or the cost is unknown.
         *
         * @return the cost in US dollars, zero when none or unknown
         */
        public BigDecimal cost() {
            return cost;
        }

        /**
         * The output record (one JSON object on one line).
         *
         * @return the record, one line of JSON
         */
        public String record() {
            return record;
        }

        /** Names the id, line and status; never the record. */
        @Override
        public String toString() {
            return "Entry[" + (customId == null ? "line " + line : customId) + ", " + status + "]";
        }
    }
}
