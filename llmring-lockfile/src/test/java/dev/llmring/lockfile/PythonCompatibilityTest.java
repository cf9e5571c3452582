package dev.llmring.lockfile;

import static dev.llmring.lockfile.Fixtures.json;
import static dev.llmring.lockfile.Fixtures.resource;
import static dev.llmring.lockfile.Fixtures.toml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Files shaped the way LLMRing (Python: toml.dump, json.dump) writes them load here. */
class PythonCompatibilityTest {
    private final Lockfile fromToml = toml(resource("python/toml-dump.lock"));
    private final Lockfile fromJson = json(resource("python/json-dump.lock.json"));

    @Test
    void readsArraysWithTrailingCommas() {
        assertEquals(
                List.of(ModelRef.parse("anthropic:claude-sonnet-4-5-20250929"), ModelRef.parse("openai:gpt-4o")),
                fromToml.profile("default").binding("assistant").orElseThrow().models());
        assertEquals(List.of("acme-summaries"), fromToml.extendsPackages());
    }

    @Test
    void readsEmptyTablesAndEmptyBindingArrays() {
        Profile dev = fromToml.profile("dev");
        assertTrue(dev.bindings().isEmpty());
        assertTrue(dev.registryVersions().isEmpty());
    }

    @Test
    void readsRegistryVersionsAndConstraints() {
        Profile profile = fromToml.profile("default");
        assertEquals(Map.of("openai", 7, "anthropic", 9), profile.registryVersions());
        assertEquals(
                Map.of("max_cost_usd_per_call", 0.05, "max_input_tokens", 100000L),
                profile.binding("summarizer").orElseThrow().constraints());
    }

    @Test
    void readsMicrosecondTimestampsWithOffset() {
        assertEquals(
                OffsetDateTime.parse("2025-09-28T12:05:34.812341+00:00"),
                fromToml.updatedAt().orElseThrow());
        assertEquals(
                OffsetDateTime.parse("2025-09-28T12:00:00Z"),
                fromToml.createdAt().orElseThrow());
    }

    @Test
    void writesTimestampsBackInTheirOriginalShape() {
        String written = fromToml.toToml();
        assertTrue(written.contains("created_at = \"2025-09-28T12:00:00+00:00\"\n"), written);
        assertTrue(written.contains("updated_at = \"2025-09-28T12:05:34.812341+00:00\"\n"), written);
        String bundled = toml(resource("python/bundled.lock")).toToml();
        assertTrue(bundled.contains("created_at = \"2025-09-27T10:00:00.000000+00:00\"\n"), bundled);
    }

    @Test
    void readsJsonWithNullConstraints() {
        assertTrue(fromJson.profile("default")
                .binding("assistant")
                .orElseThrow()
                .constraints()
                .isEmpty());
        assertTrue(fromJson.warnings().isEmpty(), fromJson.warnings()::toString);
        assertTrue(fromToml.warnings().isEmpty(), fromToml.warnings()::toString);
    }

    @Test
    void tomlAndJsonFormsOfTheSameFileAreEqual() {
        assertEquals(fromToml, fromJson);
        assertEquals(fromToml.hashCode(), fromJson.hashCode());
    }

    @Test
    void readsTheBundledLockfileWithCommentsAndCommentOnlyTables() {
        Lockfile bundled = toml(resource("python/bundled.lock"));
        assertEquals(
                List.of(ModelRef.parse("anthropic:claude-opus-4-1-20250805")),
                bundled.profile("default").binding("advisor").orElseThrow().models());
        assertEquals("llmring", bundled.metadata().get("source"));
        assertTrue(bundled.warnings().isEmpty(), bundled.warnings()::toString);
    }

    @Test
    void readsTheLegacySingleModelBindingShapeWithAWarning() {
        Lockfile legacy = toml("[profiles.default]\nname = \"default\"\n[[profiles.default.bindings]]\n"
                + "alias = \"fast\"\nprovider = \"openai\"\nmodel = \"gpt-4o-mini\"\n");
        assertEquals(
                List.of(ModelRef.parse("openai:gpt-4o-mini")),
                legacy.profile("default").binding("fast").orElseThrow().models());
        assertEquals(1, legacy.warnings().size(), legacy.warnings()::toString);
        assertTrue(legacy.toToml().contains("models = [\"openai:gpt-4o-mini\"]"));
    }

    @Test
    void defaultsVersionAndDefaultProfileWhenAbsent() {
        Lockfile minimal = toml("[profiles.default]\n");
        assertEquals("1.0", minimal.version());
        assertEquals("default", minimal.defaultProfile());
        assertTrue(minimal.createdAt().isEmpty());
    }
}
