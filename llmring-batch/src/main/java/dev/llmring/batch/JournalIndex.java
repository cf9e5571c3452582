package dev.llmring.batch;

import java.math.BigDecimal;
import java.util.HexFormat;

/**
 * What the journal says of each line, by key ({@link ParsedLine#key()}): where its last entry is, the hash of the
 * request it answered, and its status. Built by replaying the journal when a run starts, updated as entries are
 * appended. Bounded: three {@code long}s a line.
 */
final class JournalIndex {
    static final int OK = 1;
    static final int ERROR = 2;
    static final int SKIPPED = 3;
    /** Done before, but its request changed and {@code --force} sends it again. */
    static final int REDO = 4;

    private final LongIndex index = new LongIndex(3);
    private BigDecimal paid = BigDecimal.ZERO;
    private long entries;

    static JournalIndex replay(Journal journal) {
        JournalIndex built = new JournalIndex();
        journal.replay(built::add);
        return built;
    }

    synchronized void add(long position, Journal.Entry e) {
        int slot = index.add(key(e));
        index.value(slot, 0, position);
        index.value(slot, 1, hashPrefix(e.requestHash()));
        index.value(slot, 2, status(e.status()));
        paid = paid.add(e.cost());
        entries++;
    }

    /** The status of the line with {@code key}, or 0 when the journal has none. */
    synchronized int status(long key) {
        int slot = index.find(key);
        return slot < 0 ? 0 : (int) index.value(slot, 2);
    }

    synchronized boolean sameRequest(long key, String requestHash) {
        int slot = index.find(key);
        return slot >= 0 && index.value(slot, 1) == hashPrefix(requestHash);
    }

    synchronized void markRedo(long key) {
        int slot = index.find(key);
        if (slot >= 0) index.value(slot, 2, REDO);
    }

    /** The position of the last entry of {@code key}, or -1. */
    synchronized long position(long key) {
        int slot = index.find(key);
        return slot < 0 ? -1 : index.value(slot, 0);
    }

    /** What every entry replayed or added cost: what this state directory has paid so far. */
    synchronized BigDecimal paid() {
        return paid;
    }

    synchronized long entries() {
        return entries;
    }

    static long key(Journal.Entry e) {
        String id = e.customId();
        return id != null ? LongIndex.key(id) : LongIndex.lineKey(e.line());
    }

    static int status(String status) {
        return switch (status) {
            case "ok" -> OK;
            case "error" -> ERROR;
            default -> SKIPPED;
        };
    }

    private static long hashPrefix(String hex) {
        if (hex.length() < 16) return 0;
        return HexFormat.fromHexDigitsToLong(hex, 0, 16);
    }
}
