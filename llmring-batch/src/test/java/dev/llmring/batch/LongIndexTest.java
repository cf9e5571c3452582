package dev.llmring.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LongIndexTest {
    @Test
    void everyKeyKeepsItsValuesAsTheTableGrows() {
        LongIndex index = new LongIndex(2);
        for (long i = 0; i < 100_000; i++) {
            int slot = index.add(LongIndex.key("id-" + i));
            index.value(slot, 0, i);
            index.value(slot, 1, -i);
        }
        assertEquals(100_000, index.size());
        for (long i = 0; i < 100_000; i++) {
            int slot = index.find(LongIndex.key("id-" + i));
            assertEquals(i, index.value(slot, 0));
            assertEquals(-i, index.value(slot, 1));
        }
        assertEquals(-1, index.find(LongIndex.key("absent")));
    }
}
