package dev.llmring.batch;

/**
 * A compact open-addressing map from 64-bit key hashes to a fixed number of {@code long} values each, for the
 * per-id state of runs of millions of lines in bounded heap (about 16 + 16 x values bytes a key at most, no object
 * per key). Not thread-safe. Key 0 is stored as 1: keys are hashes, and a collision only costs what a hash collision
 * costs.
 */
final class LongIndex {
    private final int width;
    private long[] keys;
    private long[] values;
    private int size;

    LongIndex(int width) {
        this.width = width;
        this.keys = new long[1024];
        this.values = new long[1024 * width];
    }

    int size() {
        return size;
    }

    /** The slot of {@code key}, or -1. */
    int find(long key) {
        long k = key == 0 ? 1 : key;
        int mask = keys.length - 1;
        for (int i = (int) mix(k) & mask; ; i = (i + 1) & mask) {
            if (keys[i] == k) return i;
            if (keys[i] == 0) return -1;
        }
    }

    /** The slot of {@code key}, added with zero values when absent. */
    int add(long key) {
        if (2 * (size + 1) > keys.length) grow();
        long k = key == 0 ? 1 : key;
        int mask = keys.length - 1;
        for (int i = (int) mix(k) & mask; ; i = (i + 1) & mask) {
            if (keys[i] == k) return i;
            if (keys[i] == 0) {
                keys[i] = k;
                size++;
                return i;
            }
        }
    }

    long value(int slot, int which) {
        return values[slot * width + which];
    }

    void value(int slot, int which, long value) {
        values[slot * width + which] = value;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new long[keys.length * width];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] == 0) continue;
            int slot = add(oldKeys[i]);
            System.arraycopy(oldValues, i * width, values, slot * width, width);
        }
    }

    /** Frees the tables. */
    void clear() {
        keys = new long[16];
        values = new long[16 * width];
        size = 0;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    /** A 64-bit hash of a string (FNV-1a over its chars, then mixed). */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    /** The key of a line: its {@code custom_id}, or for a line without one, its number. */
    static long key(String customId) {
        return hash(customId);
    }

    static long lineKey(long line) {
        return mix(line * 0x9e3779b97f4a7c15L + 0x632be59bd9b4e019L);
    }
}
