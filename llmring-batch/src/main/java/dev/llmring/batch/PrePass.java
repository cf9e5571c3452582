package dev.llmring.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The pass over the input before anything is sent: counts the lines, finds every {@code custom_id} that repeats
 * (with both line numbers), and every line done in an earlier run whose request has changed since. Streamed, with
 * one 64-bit hash and one line number per id in a compact table (about 32 bytes an id); a hash seen twice is
 * confirmed by comparing the ids themselves in a second look at just those lines.
 */
final class PrePass {
    static final int MAX_PROBLEMS = 1000;

    long lines;
    long requests;
    final List<String> problems = new ArrayList<>();
    final List<String> changed = new ArrayList<>();
    private final List<long[]> suspects = new ArrayList<>();

    /**
     * @param force whether changed requests are to be sent again (marked {@link JournalIndex#REDO}) rather than
     *     refused
     * @throws BatchInputException naming the duplicate ids, or the changed lines unless {@code force}
     */
    static PrePass run(LineSource input, JournalIndex journal, @Nullable String alias, boolean force) {
        PrePass pass = new PrePass();
        LongIndex ids = new LongIndex(1);
        try (LineSource.Lines lines = input.open()) {
            String text;
            while ((text = lines.next()) != null) {
                long n = ++pass.lines;
                if (text.isBlank()) continue;
                pass.requests++;
                String id = ParsedLine.quickId(text);
                if (id == null) continue;
                long key = LongIndex.key(id);
                int slot = ids.find(key);
                if (slot >= 0) {
                    if (pass.suspects.size() < MAX_PROBLEMS) pass.suspects.add(new long[] {ids.value(slot, 0), n});
                    continue;
                }
                ids.value(ids.add(key), 0, n);
                if (journal.status(key) == JournalIndex.OK) {
                    ParsedLine parsed = ParsedLine.parse(n, text, alias);
                    if (!journal.sameRequest(key, parsed.requestHash())) {
                        if (force) journal.markRedo(key);
                        else if (pass.changed.size() < MAX_PROBLEMS) {
                            pass.changed.add("custom_id '" + id + "' on line " + n
                                    + " was done in an earlier run with a different request");
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + input.name() + ": " + e.getMessage(), e);
        }
        ids.clear();
        pass.confirm(input);
        if (!pass.problems.isEmpty()) {
            throw new BatchInputException(
                    pass.problems.size() + " duplicate custom_id" + (pass.problems.size() == 1 ? "" : "s") + " in "
                            + input.name() + "; nothing was sent:\n  " + String.join("\n  ", first(pass.problems)),
                    pass.problems);
        }
        if (!pass.changed.isEmpty()) {
            throw new BatchInputException(
                    pass.changed.size() + " line" + (pass.changed.size() == 1 ? "" : "s") + " of " + input.name()
                            + " changed since an earlier run finished them; rerun with --force to send them again"
                            + " (and pay again), or restore them; nothing was sent:\n  "
                            + String.join("\n  ", first(pass.changed)),
                    pass.changed);
        }
        return pass;
    }

    private static List<String> first(List<String> all) {
        return all.size() <= 10 ? all : all.subList(0, 10);
    }

    /** Reads the ids of the lines whose hashes met, and reports the pairs that are really the same id. */
    private void confirm(LineSource input) {
        if (suspects.isEmpty()) return;
        Map<Long, String> wanted = new HashMap<>();
        for (long[] pair : suspects) {
            wanted.put(pair[0], "");
            wanted.put(pair[1], "");
        }
        try (LineSource.Lines lines = input.open()) {
            long n = 0;
            String text;
            while ((text = lines.next()) != null) {
                n++;
                if (wanted.containsKey(n)) wanted.put(n, String.valueOf(ParsedLine.quickId(text)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + input.name() + ": " + e.getMessage(), e);
        }
        for (long[] pair : suspects) {
            String a = wanted.get(pair[0]);
            if (a != null && a.equals(wanted.get(pair[1]))) {
                problems.add("custom_id '" + a + "' on lines " + pair[0] + " and " + pair[1]);
            }
        }
    }
}
