package dev.llmring.lockfile;

import static dev.llmring.lockfile.Fixtures.CLOCK;
import static dev.llmring.lockfile.Fixtures.json;
import static dev.llmring.lockfile.Fixtures.resource;
import static dev.llmring.lockfile.Fixtures.toml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Files the Python project LLMRing loads although this library would not write them: read with LLMRing's meaning,
 * each with a warning naming line and field (fixtures under {@code python/lenient/}, in LLMRing's toml.dump and
 * json.dump layout).
 */
class LlmRingLeniencyTest {
    private static Lockfile lenient(String name) {
        String text = resource("python/lenient/" + name);
        return name.endsWith(".json") ? json(text) : toml(text);
    }

    private static void assertWarning(Lockfile lock, String start, String contains) {
        assertEquals(1, lock.warnings().size(), lock.warnings()::toString);
        String warning = lock.warnings().get(0);
        assertTrue(warning.startsWith(start), warning);
        assertTrue(warning.contains(contains), warning);
    }

    @Test
    void anAliasWithASpaceIsKeptAndResolvesByItsExactName() {
        Lockfile lock = lenient("alias-with-space.lock");

        assertEquals(List.of(ModelRef.parse("openai:gpt-4o-mini")), lock.resolve("my summarizer", "default", Set.of()));
        assertWarning(lock, "test.lock:17:1: profiles.default.bindings[0].alias: ", "'my summarizer'");
    }

    @Test
    void anAliasWithASpaceIsWrittenBackAsItWasRead() {
        Lockfile lock = lenient("alias-with-space.lock");

        assertTrue(lock.toToml().contains("alias = \"my summarizer\""), lock::toToml);
    }

    @Test
    void aNewBindingStillFollowsTheNamingRule() {
        Lockfile lock = lenient("alias-with-space.lock");

        assertThrows(
                IllegalArgumentException.class,
                () -> lock.bind("default", "other alias", List.of(ModelRef.parse("openai:x")), CLOCK));
    }

    @Test
    void aDuplicateAliasResolvesToItsFirstBinding() {
        Lockfile lock = lenient("duplicate-alias.lock");

        assertEquals(List.of(ModelRef.parse("openai:gpt-4o-mini")), lock.resolve("fast", "default", Set.of()));
        assertEquals(1, lock.profile("default").bindings().size());
        assertWarning(lock, "test.lock:14:1: profiles.default.bindings[1].alias: ", "first bound at line 10");
    }

    @Test
    void anEmptyPoolLeavesTheAliasUnbound() {
        Lockfile lock = lenient("empty-pool.lock");

        assertEquals(List.of("fast"), lock.profile("default").aliases());
        LockfileException e = assertThrows(LockfileException.class, () -> lock.resolve("later", "default", Set.of()));
        assertTrue(e.getMessage().contains("'later' is not bound"), e::getMessage);
        assertWarning(lock, "test.lock:9:1: profiles.default.bindings[0].models: ", "read as not bound");
    }

    @Test
    void aModelWithoutProviderIsSkippedFromThePool() {
        Lockfile lock = lenient("model-without-provider.lock");

        assertEquals(List.of(ModelRef.parse("anthropic:claude-haiku-4-5")), lock.resolve("fast", "default", Set.of()));
        assertWarning(lock, "test.lock:11:12: profiles.default.bindings[0].models[0]: ", "'gpt-4o-mini'");
    }

    @Test
    void aPoolOfOnlyModelsWithoutProviderLeavesTheAliasUnbound() {
        Lockfile lock =
                toml("[profiles.default]\n[[profiles.default.bindings]]\nalias = \"a\"\nmodels = [\"gpt-4o\"]\n");

        assertTrue(lock.profile("default").bindings().isEmpty());
        assertEquals(2, lock.warnings().size(), lock.warnings()::toString);
    }

    @Test
    void anotherVersionIsReadAsOneDotXAndKept() {
        Lockfile lock = lenient("version-2.lock.json");

        assertEquals(List.of(ModelRef.parse("openai:gpt-4o-mini")), lock.resolve("fast", "default", Set.of()));
        assertEquals("2.0", lock.version());
        assertTrue(lock.toJson().contains("\"version\": \"2.0\""), lock::toJson);
        assertWarning(lock, "test.lock.json:2:14: version: ", "'2.0' is not 1.x");
    }

    @Test
    void missingTimestampsAreFilledWhenTheLockfileIsEditedForSaving() {
        Lockfile lock = lenient("version-2.lock.json");

        Lockfile edited = lock.bind("default", "slow", List.of(ModelRef.parse("openai:gpt-4o")), CLOCK);

        OffsetDateTime now = OffsetDateTime.parse("2025-10-01T08:30:15.123456Z"); // microseconds, as LLMRing writes
        assertEquals(now, edited.createdAt().orElseThrow());
        assertEquals(now, edited.updatedAt().orElseThrow());
        assertTrue(edited.toJson().contains("\"created_at\""), edited::toJson);
    }

    @Test
    void anExistingCreatedAtIsKeptByAnEdit() {
        Lockfile lock = lenient("duplicate-alias.lock");

        Lockfile edited = lock.bind("default", "slow", List.of(ModelRef.parse("openai:gpt-4o")), CLOCK);

        assertEquals(
                OffsetDateTime.parse("2025-09-28T12:00:00Z"), edited.createdAt().orElseThrow());
    }
}
