package dev.llmring.lockfile;

import static dev.llmring.lockfile.Fixtures.json;
import static dev.llmring.lockfile.Fixtures.resource;
import static dev.llmring.lockfile.Fixtures.toml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DigestTest {
    private final Lockfile python = toml(resource("python/toml-dump.lock"));

    @Test
    void isSha256OfTheCanonicalSemanticContent() throws Exception {
        Lockfile lock = toml("default_profile = \"p\"\n[extends]\npackages = [\"z\", \"a\"]\n"
                + "[profiles.p]\n[profiles.p.registry_versions]\nopenai = 3\n"
                + "[[profiles.p.bindings]]\nalias = \"b\"\nmodels = [\"openai:x\", \"ollama:y:1\"]\n"
                + "[profiles.p.bindings.constraints]\nmax = 1.50\n");
        String canonical = "{\"default_profile\":\"p\",\"extends\":[\"a\",\"z\"],\"profiles\":{\"p\":{\"bindings\":"
                + "{\"b\":{\"constraints\":{\"max\":1.5},\"models\":[\"openai:x\",\"ollama:y:1\"]}},"
                + "\"registry_versions\":{\"openai\":3}}}}";
        assertEquals(canonical, Digests.canonical(lockContent(lock)));
        byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                .digest(canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(java.util.HexFormat.of().formatHex(hash), lock.digest());
    }

    @Test
    void isTheSameForTheTomlAndJsonForms() {
        assertEquals(python.digest(), json(python.toJson()).digest());
        assertEquals(
                python.digest(), json(resource("python/json-dump.lock.json")).digest());
    }

    @Test
    void isStableUnderKeyTableAndBindingReordering() {
        String a = "default_profile = \"d\"\n[profiles.d]\nname = \"d\"\n[profiles.d.registry_versions]\nx = 1\ny = 2\n"
                + "[[profiles.d.bindings]]\nalias = \"one\"\nmodels = [\"x:m1\"]\n"
                + "[[profiles.d.bindings]]\nalias = \"two\"\nmodels = [\"y:m2\", \"x:m3\"]\n"
                + "[profiles.d.bindings.constraints]\nk1 = 1\nk2 = \"v\"\n[profiles.e]\n";
        String b = "default_profile = \"d\"\n[profiles.e]\n[profiles.d.registry_versions]\ny = 2\nx = 1\n"
                + "[[profiles.d.bindings]]\nmodels = [\"y:m2\", \"x:m3\"]\nalias = \"two\"\n"
                + "constraints = { k2 = \"v\", k1 = 1 }\n"
                + "[[profiles.d.bindings]]\nmodels = [\"x:m1\"]\nalias = \"one\"\n"
                + "[profiles.d]\nname = \"d\"\n[metadata]\nx = 1\n";
        assertEquals(toml(a).digest(), toml(b).digest());
    }

    @Test
    void ignoresTimestampsMetadataAndVersion() {
        Lockfile changed = toml(python.toToml()
                        .replace("2025-09-28T12:05:34.812341+00:00", "2030-01-01T00:00:00+00:00")
                        .replace("version = \"1.0\"", "version = \"1.3\""))
                .withMetadata(Map.of("project", "renamed"), Fixtures.CLOCK);
        assertEquals(python.digest(), changed.digest());
    }

    @Test
    void changesWhenThePoolOrderChanges() {
        Lockfile swapped = python.bind(
                "default",
                "assistant",
                List.of(ModelRef.parse("openai:gpt-4o"), ModelRef.parse("anthropic:claude-sonnet-4-5-20250929")),
                Fixtures.CLOCK);
        assertNotEquals(python.digest(), swapped.digest());
    }

    @Test
    void changesWithRegistryVersionsDefaultProfileAndExtends() {
        assertNotEquals(
                python.digest(),
                python.withRegistryVersions("default", Map.of("openai", 8), Fixtures.CLOCK)
                        .digest());
        assertNotEquals(
                python.digest(),
                python.withDefaultProfile("dev", Fixtures.CLOCK).digest());
        assertNotEquals(
                python.digest(),
                python.withExtendsPackages(List.of(), Fixtures.CLOCK).digest());
    }

    @Test
    void isSixtyFourLowercaseHexCharacters() {
        assertTrue(python.digest().matches("[0-9a-f]{64}"), python.digest());
    }

    private static LockfileContent lockContent(Lockfile lock) {
        // the canonical form is package-private; rebuild the content by reading the TOML back
        return LockfileIo.parse(lock.toToml(), Format.TOML, "x");
    }
}
