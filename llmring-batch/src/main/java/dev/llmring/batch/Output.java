package dev.llmring.batch;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import org.jspecify.annotations.Nullable;

/**
 * The output file, derived from the journal: rewritten from it whole (into a temporary file, then moved into place)
 * when a run starts and ends, and appended to as entries are journaled in between. Since every record is journaled
 * before it is written here, and a rewrite keeps only each line's last entry, a crash at any moment leaves nothing
 * that the next start does not put right: no duplicate, no torn line.
 *
 * <p>In input order ({@code ordered}), records wait in a reorder buffer until every earlier line has been written or
 * passed ({@link #write}); the runner bounds how far ahead of the first unfinished line it reads.
 */
final class Output implements AutoCloseable {
    private final OutputStream out;
    private final boolean ordered;
    private final TreeMap<Long, @Nullable String> waiting = new TreeMap<>();
    private long next = 1;

    private Output(OutputStream out, boolean ordered) {
        this.out = out;
        this.ordered = ordered;
    }

    /** Appends to {@code path} (already derived). */
    static Output append(Path path, boolean ordered) {
        try {
            return new Output(
                    new BufferedOutputStream(
                            Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND), 1 << 16),
                    ordered);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    /** Writes the record of line {@code line}, or passes the line ({@code record} null: nothing to write for it). */
    synchronized void write(long line, @Nullable String record) {
        if (!ordered) {
            if (record != null) put(record);
            return;
        }
        waiting.put(line, record);
        while (!waiting.isEmpty() && waiting.firstKey() == next) {
            String r = waiting.pollFirstEntry().getValue();
            if (r != null) put(r);
            next++;
        }
    }

    /** The first line not yet written or passed (in input order). */
    synchronized long next() {
        return next;
    }

    private void put(String record) {
        write(out, record);
    }

    synchronized void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the output: " + e.getMessage(), e);
        }
    }

    /** Writes what waits for earlier lines that will not come (a stopped run), in line order, and closes. */
    @Override
    public synchronized void close() {
        for (Map.Entry<Long, @Nullable String> e : waiting.entrySet()) {
            if (e.getValue() != null) put(e.getValue());
        }
        waiting.clear();
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the output: " + e.getMessage(), e);
        }
    }

    /**
     * Rewrites {@code path} with the last entry of each line in the journal, in journal (completion) order, keeping
     * only the lines whose {@linkplain JournalIndex status} {@code include} accepts.
     */
    static void derive(Journal journal, JournalIndex index, Path path, IntPredicate include) {
        replace(
                path,
                out -> journal.replay((position, entry) -> {
                    long key = JournalIndex.key(entry);
                    if (index.position(key) == position && include.test(index.status(key))) write(out, entry.record());
                }));
    }

    /** Rewrites {@code path} with the last entry of each line in the journal, in input order. */
    static void deriveOrdered(Journal journal, JournalIndex index, LineSource input, Path path) {
        replace(path, out -> {
            try (LineSource.Lines lines = input.open()) {
                long n = 0;
                String text;
                while ((text = lines.next()) != null) {
                    n++;
                    if (text.isBlank()) continue;
                    String id = ParsedLine.quickId(text);
                    long position = index.position(id != null ? LongIndex.key(id) : LongIndex.lineKey(n));
                    if (position >= 0) write(out, journal.read(position).record());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + input.name() + ": " + e.getMessage(), e);
            }
        });
    }

    private interface Writer {
        void write(OutputStream out);
    }

    private static void replace(Path path, Writer writer) {
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                writer.write(out);
            }
            try (var channel = java.nio.channels.FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    private static void write(OutputStream out, String record) {
        try {
            out.write(record.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the output: " + e.getMessage(), e);
        }
    }
}
