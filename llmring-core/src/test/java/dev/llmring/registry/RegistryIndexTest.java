package dev.llmring.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The index each registry document builds once answers every lookup as the scan it replaced did: exact name, then
 * exact alias, then either case-insensitively; among several matches an active entry, then the first in document
 * order. Checked against that scan (kept here as the reference) on every fixture document, current and pinned, for
 * every name and alias they hold in several spellings, and on a document made to have every kind of tie.
 */
class RegistryIndexTest {
    private final Registry fixture =
            Registry.builder().baseUrl(RegistryServer.FIXTURE.toUri()).build();

    /** The lookup as it was before the index: a stream, a sort and a comparison of every name per lookup. */
    private static Optional<ModelInfo> scan(RegistryDocument doc, String modelOrAlias) {
        String provider = doc.provider();
        String name =
                modelOrAlias.startsWith(provider + ":") ? modelOrAlias.substring(provider.length() + 1) : modelOrAlias;
        Optional<ModelInfo> exact = first(doc, m -> m.modelName().equals(name));
        if (exact.isPresent()) return exact;
        Optional<ModelInfo> alias = first(doc, m -> m.aliases().contains(name));
        if (alias.isPresent()) return alias;
        String lower = name.toLowerCase(Locale.ROOT);
        return first(
                doc,
                m -> m.modelName().toLowerCase(Locale.ROOT).equals(lower)
                        || m.aliases().stream()
                                .anyMatch(a -> a.toLowerCase(Locale.ROOT).equals(lower)));
    }

    private static Optional<ModelInfo> first(RegistryDocument doc, Predicate<ModelInfo> test) {
        return doc.models().stream()
                .filter(test)
                .sorted(Comparator.comparing((ModelInfo m) -> !m.isActive()))
                .findFirst();
    }

    /** Every name and alias of the document, as written, upper- and lower-cased, with and without the prefix. */
    private static Set<String> queries(RegistryDocument doc) {
        Set<String> names = new LinkedHashSet<>();
        for (ModelInfo m : doc.models()) {
            names.add(m.modelName());
            names.addAll(m.aliases());
        }
        Set<String> all = new LinkedHashSet<>();
        for (String n : names) {
            for (String v : List.of(n, n.toUpperCase(Locale.ROOT), n.toLowerCase(Locale.ROOT))) {
                all.add(v);
                all.add(doc.provider() + ":" + v);
                all.add("other:" + v);
            }
        }
        all.addAll(List.of("", "no-such-model", doc.provider() + ":", ":"));
        return all;
    }

    private static void assertSameAnswers(RegistryDocument doc) {
        assertFalse(doc.models().isEmpty(), "fixture has models");
        int found = 0;
        for (String q : queries(doc)) {
            Optional<ModelInfo> expected = scan(doc, q);
            Optional<ModelInfo> actual = doc.find(q);
            assertEquals(expected.isPresent(), actual.isPresent(), () -> doc + ": '" + q + "'");
            if (expected.isPresent()) {
                assertSame(expected.get(), actual.get(), () -> doc + ": '" + q + "'");
                found++;
            }
        }
        assertTrue(found > 0);
    }

    @Test
    void currentDocumentsAnswerAsTheScanDid() {
        assertSameAnswers(fixture.current("openai"));
        assertSameAnswers(fixture.current("anthropic"));
    }

    @Test
    void pinnedSnapshotsAnswerAsTheScanDid() {
        assertSameAnswers(fixture.snapshot("openai", 2));
        assertSameAnswers(fixture.snapshot("openai", 3));
        assertSameAnswers(fixture.snapshot("anthropic", 4));
        assertSameAnswers(fixture.snapshot("anthropic", 5));
    }

    @Test
    void pinnedLookupsReadTheirOwnSnapshot() {
        // fixture-large costs 5.0 per million input tokens in v2, 2.5 in v3 (the current document)
        assertEquals(
                0,
                fixture.model("openai", "fixture-large", 2)
                        .orElseThrow()
                        .inputPrice()
                        .orElseThrow()
                        .compareTo(new java.math.BigDecimal("5.0")));
        assertEquals(
                0,
                fixture.model("openai", "fixture-large", null)
                        .orElseThrow()
                        .inputPrice()
                        .orElseThrow()
                        .compareTo(new java.math.BigDecimal("2.5")));
    }

    /** Ties of every kind: shared aliases, inactive entries first, case collisions, an alias that is a name. */
    @Test
    void tiesResolveAsTheScanDid() {
        String json =
                """
                {"provider": "p", "version": 7, "models": {
                  "p:old":    {"provider": "p", "model_name": "old", "model_aliases": ["shared", "Mixed"],
                               "is_active": false},
                  "p:new":    {"provider": "p", "model_name": "new", "model_aliases": ["shared", "MIXED", "old"]},
                  "p:newer":  {"provider": "p", "model_name": "newer", "model_aliases": ["shared"]},
                  "p:Case":   {"provider": "p", "model_name": "Case", "is_active": false},
                  "p:case":   {"provider": "p", "model_name": "CASE"},
                  "p:gone":   {"provider": "p", "model_name": "gone", "model_aliases": ["only-inactive"],
                               "is_active": false},
                  "p:gone2":  {"provider": "p", "model_name": "gone2", "model_aliases": ["only-inactive"],
                               "is_active": false}
                }}
                """;
        RegistryDocument doc = RegistryParser.parse(json.getBytes(StandardCharsets.UTF_8), "p", null, "test document");
        assertSameAnswers(doc);
        List<String> picked = new ArrayList<>();
        for (String q : List.of("old", "shared", "mixed", "case", "only-inactive", "p:newer")) {
            picked.add(doc.find(q).map(ModelInfo::modelName).orElse("-"));
        }
        // an exact name beats an alias even when inactive; an active entry beats an earlier inactive one
        assertEquals(List.of("old", "new", "new", "CASE", "gone", "newer"), picked);
    }
}
