package dev.llmring.lockfile;

import static dev.llmring.lockfile.Fixtures.json;
import static dev.llmring.lockfile.Fixtures.toml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Every validation error names file, line, column and field. */
class ValidationTest {
    private static final String HEAD = "version = \"1.0\"\n[profiles.default]\nname = \"default\"\n";

    private static LockfileException tomlError(String text) {
        return assertThrows(LockfileException.class, () -> toml(text));
    }

    private static LockfileException jsonError(String text) {
        return assertThrows(LockfileException.class, () -> json(text));
    }

    private static void assertAt(LockfileException e, int line, int column, String field) {
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(column, e.column(), e.getMessage());
        assertEquals(field, e.field().orElse(null), e.getMessage());
        assertTrue(
                e.getMessage().startsWith(e.file().orElseThrow() + ":" + line + ":" + column + ": " + field + ": "),
                e.getMessage());
    }

    @Test
    void missingModels() {
        LockfileException e = tomlError(HEAD + "[[profiles.default.bindings]]\nalias = \"a\"\n");
        assertAt(e, 4, 1, "profiles.default.bindings[0].models");
    }

    @Test
    void badProfileName() {
        LockfileException e = tomlError("[profiles.\"-dash\"]\nname = \"-dash\"\n");
        assertAt(e, 1, 1, "profiles.-dash");
    }

    @Test
    void badExtendsPackageName() {
        LockfileException e = tomlError("[extends]\npackages = [\"ok-pkg\", \"../evil\"]\n");
        assertAt(e, 2, 23, "extends.packages[1]");
        assertTrue(e.getMessage().contains("'../evil'"), e.getMessage());
    }

    @Test
    void repeatedExtendsPackage() {
        LockfileException e = tomlError("[extends]\npackages = [\"a\",\n  \"a\"]\n");
        assertAt(e, 3, 3, "extends.packages[1]");
    }

    @Test
    void acceptsOtherOneDotVersions() {
        assertEquals("1.7", toml("version = \"1.7\"\n").version());
    }

    @Test
    void versionOfTheWrongType() {
        LockfileException e = jsonError("{\n\"version\": 1.0}");
        assertAt(e, 2, 12, "version");
        assertTrue(e.getMessage().contains("expected a string, found a number"), e.getMessage());
    }

    @Test
    void modelsOfTheWrongType() {
        LockfileException e = tomlError(HEAD + "[[profiles.default.bindings]]\nalias = \"a\"\nmodels = \"openai:x\"\n");
        assertAt(e, 6, 1, "profiles.default.bindings[0].models");
        assertTrue(e.getMessage().contains("expected an array, found a string"), e.getMessage());
    }

    @Test
    void bindingsOfTheWrongType() {
        LockfileException e = jsonError("{\"profiles\": {\"default\": {\"bindings\": {\"a\": 1}}}}");
        assertAt(e, 1, 39, "profiles.default.bindings");
    }

    @Test
    void registryVersionOfTheWrongTypeOrRange() {
        assertAt(
                tomlError(HEAD + "[profiles.default.registry_versions]\nopenai = \"7\"\n"),
                5,
                1,
                "profiles.default.registry_versions.openai");
        assertAt(
                tomlError(HEAD + "[profiles.default.registry_versions]\nopenai = -1\n"),
                5,
                1,
                "profiles.default.registry_versions.openai");
    }

    @Test
    void timestampThatIsNotIso8601() {
        assertAt(tomlError("created_at = \"yesterday\"\n"), 1, 1, "created_at");
    }

    @Test
    void nanInFreeFormTable() {
        assertAt(tomlError("[metadata]\nratio = nan\n"), 2, 1, "metadata.ratio");
    }

    @Test
    void tomlSyntaxErrorWithPosition() {
        LockfileException e = tomlError("version = \"1.0\"\ndefault_profile = \"x\"\nname = = 1\n");
        assertEquals(3, e.line(), e.getMessage());
        assertEquals(8, e.column(), e.getMessage());
        assertTrue(e.getMessage().startsWith("test.lock:3:"), e.getMessage());
    }

    @Test
    void jsonSyntaxErrorWithPosition() {
        LockfileException e = jsonError("{\n  \"version\": \"1.0\",\n  \"profiles\": {,}\n}");
        assertEquals(3, e.line(), e.getMessage());
    }

    @Test
    void duplicateJsonKey() {
        LockfileException e = jsonError("{\"version\": \"1.0\",\n\"version\": \"1.0\"}");
        assertEquals(2, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("version"), e.getMessage());
    }

    @Test
    void duplicateTomlKey() {
        assertEquals(2, tomlError("version = \"1.0\"\nversion = \"1.0\"\n").line());
    }

    @Test
    void jsonThatIsNotAnObject() {
        assertEquals(1, jsonError("[1, 2]").line());
    }

    @Test
    void warnsAboutAnUndefinedDefaultProfile() {
        Lockfile lock = toml("default_profile = \"prod\"\n[profiles.dev]\n");
        assertEquals(1, lock.warnings().size());
        assertTrue(lock.warnings().get(0).startsWith("test.lock:1:1: default_profile: "), lock.warnings()::toString);
    }

    @Test
    void warnsAboutUnknownTopLevelKeysWithTheirPlace() {
        Lockfile lock = toml("version = \"1.0\"\nshiny = 1\n");
        assertEquals(java.util.List.of("test.lock:2:1: shiny: unknown top-level key, kept as is"), lock.warnings());
    }

    @Test
    void warnsAboutAnOverrideOfAPackageThatIsNotExtended() {
        Lockfile lock = toml("[profiles.default]\n[[profiles.default.bindings]]\nalias = \"acme:x\"\n"
                + "models = [\"openai:gpt-4o\"]\n");
        assertEquals(1, lock.warnings().size());
        assertTrue(
                lock.warnings().get(0).startsWith("test.lock:3:1: profiles.default.bindings[0].alias: "),
                lock.warnings()::toString);
    }

    @Test
    void readingAMissingFileIsNotFound() {
        LockfileNotFoundException e = assertThrows(
                LockfileNotFoundException.class,
                () -> Lockfile.read(java.nio.file.Path.of("does-not-exist", "llmring.lock")));
        assertEquals(1, e.placesLooked().size());
    }
}
