package dev.llmring.lockfile;

import static dev.llmring.lockfile.Fixtures.CLOCK;
import static dev.llmring.lockfile.Fixtures.resource;
import static dev.llmring.lockfile.Fixtures.toml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EditingTest {
    private final Lockfile python = toml(resource("python/toml-dump.lock"));
    private final List<ModelRef> pool = List.of(ModelRef.parse("openai:gpt-4.1"));

    @Test
    void bindReplacesAnExistingBindingInPlace() {
        Lockfile edited = python.bind("default", "assistant", pool, CLOCK);
        Profile profile = edited.profile("default");
        assertEquals(List.of("assistant", "summarizer"), profile.aliases());
        assertEquals(pool, profile.binding("assistant").orElseThrow().models());
    }

    @Test
    void bindAppendsANewAlias() {
        Lockfile edited = python.bind("default", "coder", pool, CLOCK);
        assertEquals(
                List.of("assistant", "summarizer", "coder"),
                edited.profile("default").aliases());
    }

    @Test
    void bindCreatesAMissingProfile() {
        Lockfile edited = python.bind("staging", "assistant", pool, CLOCK);
        assertEquals(
                pool,
                edited.profile("staging").binding("assistant").orElseThrow().models());
    }

    @Test
    void bindKeepsConstraints() {
        Lockfile edited = python.bind("dev", Binding.of("a", pool, Map.of("max_input_tokens", 1000)), CLOCK);
        assertEquals(
                Map.of("max_input_tokens", 1000L),
                toml(edited.toToml()).profile("dev").binding("a").orElseThrow().constraints());
    }

    @Test
    void editsLeaveTheOriginalUntouched() {
        String before = python.toToml();
        python.bind("default", "assistant", pool, CLOCK);
        python.unbind("default", "assistant", CLOCK);
        assertEquals(before, python.toToml());
    }

    @Test
    void editsBumpUpdatedAtFromTheClockInPythonsShape() {
        Lockfile edited = python.bind("default", "coder", pool, CLOCK);
        assertEquals(
                OffsetDateTime.parse("2025-10-01T08:30:15.123456Z"),
                edited.updatedAt().orElseThrow());
        assertEquals(python.createdAt(), edited.createdAt());
        assertTrue(edited.toToml().contains("updated_at = \"2025-10-01T08:30:15.123456+00:00\"\n"), edited.toToml());
    }

    @Test
    void unbindRemovesTheAlias() {
        Lockfile edited = python.unbind("default", "assistant", CLOCK);
        assertEquals(List.of("summarizer"), edited.profile("default").aliases());
    }

    @Test
    void unbindOfAnUnboundAliasIsAnError() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> python.unbind("default", "nope", CLOCK));
        assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
    }

    @Test
    void withRegistryVersionsReplacesThePins() {
        Lockfile edited = python.withRegistryVersions("default", Map.of("google", 2), CLOCK);
        assertEquals(Map.of("google", 2), edited.profile("default").registryVersions());
        assertEquals(
                Map.of("google", 2), toml(edited.toToml()).profile("default").registryVersions());
    }

    @Test
    void emptyHasLlmringsStartingProfiles() {
        Lockfile empty = Lockfile.empty(CLOCK);
        assertEquals(
                List.of("default", "prod", "staging", "dev"),
                List.copyOf(empty.profiles().keySet()));
        assertEquals("1.0", empty.version());
        assertEquals("default", empty.defaultProfile());
        assertEquals(empty.createdAt(), empty.updatedAt());
        assertEquals(empty, toml(empty.toToml()));
        assertTrue(empty.source().isEmpty());
    }

    @Test
    void emptyWithNamesHasThoseProfilesInOrder() {
        Lockfile empty = Lockfile.empty(CLOCK, List.of("default", "dev", "test", "prod"));
        assertEquals(
                List.of("default", "dev", "test", "prod"),
                List.copyOf(empty.profiles().keySet()));
        assertTrue(empty.profiles().values().stream()
                .allMatch(p -> p.bindings().isEmpty() && p.registryVersions().isEmpty()));
        assertEquals("1.0", empty.version());
        assertEquals(
                OffsetDateTime.parse("2025-10-01T08:30:15.123456Z"),
                empty.createdAt().orElseThrow());
        assertEquals(empty.createdAt(), empty.updatedAt());
        assertEquals(empty, toml(empty.toToml()));
        assertEquals(empty, Fixtures.json(empty.toJson()));
    }

    @Test
    void emptyWithNamesMakesTheFirstTheDefaultProfile() {
        assertEquals(
                "default", Lockfile.empty(CLOCK, List.of("default", "prod")).defaultProfile());
        assertEquals("dev", Lockfile.empty(CLOCK, List.of("dev", "prod")).defaultProfile());
    }

    @Test
    void emptyWithNamesNeedsAtLeastOneProfile() {
        assertThrows(IllegalArgumentException.class, () -> Lockfile.empty(CLOCK, List.of()));
    }

    @Test
    void emptyWithNamesRefusesAMalformedNameNamingIt() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Lockfile.empty(CLOCK, List.of("default", "bad profile")));
        assertTrue(e.getMessage().contains("'bad profile'"), e.getMessage());
    }

    @Test
    void emptyWithNamesRefusesARepeatedNameNamingIt() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Lockfile.empty(CLOCK, List.of("dev", "prod", "dev")));
        assertTrue(e.getMessage().contains("'dev'"), e.getMessage());
    }

    @Test
    void bindRejectsBadAliasesAndEmptyPools() {
        assertThrows(IllegalArgumentException.class, () -> python.bind("default", "bad alias", pool, CLOCK));
        assertThrows(IllegalArgumentException.class, () -> python.bind("default", "ok", List.of(), CLOCK));
        assertThrows(IllegalArgumentException.class, () -> python.bind("bad profile", "ok", pool, CLOCK));
    }

    @Test
    void editedLockfilesDifferFromTheOriginal() {
        assertNotEquals(python, python.bind("default", "coder", pool, CLOCK));
    }
}
