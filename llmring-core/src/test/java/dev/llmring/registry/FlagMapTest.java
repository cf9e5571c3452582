package dev.llmring.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@link FlagMap} reads as the unmodifiable {@code TreeMap} it replaced in {@link ModelInfo}. */
class FlagMapTest {
    @Test
    void readsAsAnUnmodifiableTreeMapForRandomFlagSets() {
        Random random = new Random(18);
        for (int n = 0; n < 500; n++) {
            TreeMap<String, Boolean> flags = new TreeMap<>();
            for (int i = random.nextInt(70); i > 0; i--) {
                flags.put("supports_" + (char) ('a' + random.nextInt(26)) + random.nextInt(40), random.nextBoolean());
            }
            Map<String, Boolean> expected = Collections.unmodifiableMap(new TreeMap<>(flags));
            FlagMap actual = FlagMap.copyOf(flags);

            assertEquals(expected, actual);
            assertEquals(actual, expected);
            assertEquals(new HashMap<>(expected), actual);
            assertEquals(expected.hashCode(), actual.hashCode());
            assertEquals(expected.toString(), actual.toString());
            assertEquals(List.copyOf(expected.entrySet()), List.copyOf(actual.entrySet()));
            assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()));
            assertEquals(new ArrayList<>(expected.values()), new ArrayList<>(actual.values()));
            assertEquals(expected.size(), actual.size());
            assertEquals(expected.isEmpty(), actual.isEmpty());
            for (String name : List.of("supports_a1", "supports_z39", "supports_m7", "", "zzz", "supports_b")) {
                assertEquals(expected.get(name), actual.get(name), name);
                assertEquals(expected.containsKey(name), actual.containsKey(name), name);
            }
            for (String name : expected.keySet()) assertEquals(expected.get(name), actual.get(name), name);
            flags.put("supports_later", true); // a copy: the builder's map changing later does not show
            assertFalse(actual.containsKey("supports_later"));
        }
    }

    @Test
    void refusesEveryChange() {
        TreeMap<String, Boolean> flags = new TreeMap<>(Map.of("supports_vision", true, "is_reasoning_model", false));
        FlagMap map = FlagMap.copyOf(flags);

        assertThrows(UnsupportedOperationException.class, () -> map.put("supports_x", true));
        assertThrows(UnsupportedOperationException.class, () -> map.remove("supports_vision"));
        assertThrows(UnsupportedOperationException.class, () -> map.putAll(Map.of("a", true)));
        assertThrows(UnsupportedOperationException.class, map::clear);
        assertThrows(UnsupportedOperationException.class, () -> map.keySet().remove("supports_vision"));
        assertThrows(UnsupportedOperationException.class, () -> map.values().clear());
        assertThrows(
                UnsupportedOperationException.class,
                () -> map.entrySet().iterator().next().setValue(false));
        assertThrows(UnsupportedOperationException.class, () -> {
            var it = map.entrySet().iterator();
            it.next();
            it.remove();
        });
        assertThrows(UnsupportedOperationException.class, () -> FlagMap.copyOf(new TreeMap<>())
                .clear());
        assertEquals(2, map.size());
    }

    @Test
    void refusesNullAsATreeMapDidAndSharesTheEmptyMap() {
        FlagMap map = FlagMap.copyOf(new TreeMap<>(Map.of("supports_vision", true)));
        assertThrows(NullPointerException.class, () -> map.get(null));
        assertThrows(NullPointerException.class, () -> map.containsKey(null));
        assertNull(map.get(42));
        assertSame(FlagMap.copyOf(new TreeMap<>()), FlagMap.copyOf(new TreeMap<>()));
        assertTrue(FlagMap.copyOf(new TreeMap<>()).isEmpty());
    }

    @Test
    void modelInfoKeepsItsFlagsSortedAndItsPricesThroughToBuilder() {
        ModelInfo m = ModelInfo.builder("openai", "m")
                .capability("supports_vision", true)
                .capability("IS_REASONING_MODEL", false)
                .capability("supports_caching", true)
                .inputPrice(new java.math.BigDecimal("10.0"))
                .outputPrice(new java.math.BigDecimal("2.50"))
                .build();

        assertEquals(
                List.of("is_reasoning_model", "supports_caching", "supports_vision"),
                List.copyOf(m.capabilities().keySet()));
        assertEquals(
                "{is_reasoning_model=false, supports_caching=true, supports_vision=true}",
                m.capabilities().toString());
        assertEquals(new java.math.BigDecimal("10.0"), m.inputPrice().orElseThrow());
        assertEquals(new java.math.BigDecimal("2.50"), m.outputPrice().orElseThrow());
        assertEquals(m, m.toBuilder().build());
        assertEquals(m.hashCode(), m.toBuilder().build().hashCode());
        assertEquals(m.toString(), m.toBuilder().build().toString());
        assertThrows(UnsupportedOperationException.class, () -> m.capabilities().put("supports_x", true));
        assertFalse(ModelInfo.builder("openai", "n").build().isPriced());
    }
}
