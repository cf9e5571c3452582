package dev.llmring.lockfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResolutionTest {
    static final Set<String> PROVIDERS = Set.of("openai", "anthropic", "google", "ollama");

    static final String PACKAGE_LOCK = "default_profile = \"default\"\n"
            + "[profiles.default]\n"
            + "[[profiles.default.bindings]]\nalias = \"summarizer\"\nmodels = [\"openai:gpt-4o-mini\"]\n"
            + "[[profiles.default.bindings]]\nalias = \"tagger\"\nmodels = [\"google:gemini-2.5-flash\"]\n"
            + "[profiles.prod]\n"
            + "[[profiles.prod.bindings]]\nalias = \"summarizer\"\nmodels = [\"anthropic:claude-sonnet-4-5-20250929\"]\n";

    static final String CONSUMER_LOCK = "default_profile = \"default\"\n"
            + "[extends]\npackages = [\"acme-summaries\", \"tools\"]\n"
            + "[profiles.default]\n"
            + "[[profiles.default.bindings]]\nalias = \"assistant\"\n"
            + "models = [\"anthropic:claude-sonnet-4-5-20250929\", \"openai:gpt-4o\"]\n"
            + "[[profiles.default.bindings]]\nalias = \"acme-summaries:tagger\"\nmodels = [\"ollama:llama3:8b\"]\n"
            + "[[profiles.default.bindings]]\nalias = \"tools:x\"\nmodels = [\"openai:gpt-4.1\"]\n"
            + "[profiles.prod]\n"
            + "[[profiles.prod.bindings]]\nalias = \"assistant\"\nmodels = [\"openai:gpt-4o\"]\n";

    @TempDir
    Path dir;

    private URLClassLoader loader;
    private Lockfile lock;

    @BeforeEach
    void setUp() {
        Path jar = Fixtures.jar(
                dir.resolve("acme-summaries.jar"),
                Map.of("META-INF/llmring/acme-summaries/llmring.lock", PACKAGE_LOCK));
        loader = Fixtures.loaderOf(jar);
        Fixtures.write(dir.resolve("llmring.lock"), CONSUMER_LOCK);
        lock = Lockfile.discover(Discovery.builder()
                .workingDirectory(dir)
                .environment(k -> null)
                .classLoader(loader)
                .build());
    }

    @AfterEach
    void tearDown() throws IOException {
        loader.close();
    }

    private static List<ModelRef> refs(String... refs) {
        return java.util.Arrays.stream(refs).map(ModelRef::parse).collect(java.util.stream.Collectors.toList());
    }

    @Test
    void aliasResolvesToItsOrderedPool() {
        assertEquals(
                refs("anthropic:claude-sonnet-4-5-20250929", "openai:gpt-4o"),
                lock.resolve("assistant", "default", PROVIDERS));
        assertEquals(refs("openai:gpt-4o"), lock.resolve("assistant", "prod", PROVIDERS));
    }

    @Test
    void modelReferenceOfAKnownProviderPassesThrough() {
        assertEquals(refs("ollama:llama3:8b"), lock.resolve("ollama:llama3:8b", "default", PROVIDERS));
    }

    @Test
    void packageAliasResolvesFromThePackagesClasspathLockfile() {
        assertEquals(refs("openai:gpt-4o-mini"), lock.resolve("acme-summaries:summarizer", "default", PROVIDERS));
    }

    @Test
    void packageAliasUsesThePackagesProfileOfTheSameName() {
        assertEquals(
                refs("anthropic:claude-sonnet-4-5-20250929"),
                lock.resolve("acme-summaries:summarizer", "prod", PROVIDERS));
    }

    @Test
    void packageAliasFallsBackToThePackagesDefaultProfile() {
        Lockfile withStaging = lock.bind("staging", "assistant", refs("openai:gpt-4o"), Fixtures.CLOCK);
        assertEquals(
                refs("google:gemini-2.5-flash"), withStaging.resolve("acme-summaries:tagger", "staging", PROVIDERS));
    }

    @Test
    void consumersOwnBindingOverridesThePackage() {
        assertEquals(refs("ollama:llama3:8b"), lock.resolve("acme-summaries:tagger", "default", PROVIDERS));
    }

    @Test
    void knownProviderWinsOverAPackageOfTheSameName() {
        Set<String> providers = Set.of("openai", "acme-summaries");
        assertEquals(
                List.of(new ModelRef("acme-summaries", "summarizer")),
                lock.resolve("acme-summaries:summarizer", "default", providers));
    }

    @Test
    void neitherProviderNorPackageNamesBothReadings() {
        LockfileException e =
                assertThrows(LockfileException.class, () -> lock.resolve("mistral:large", "default", PROVIDERS));
        assertTrue(e.getMessage().contains("neither a model reference"), e.getMessage());
        assertTrue(e.getMessage().contains("nor a package alias"), e.getMessage());
        assertTrue(e.getMessage().contains("'mistral'"), e.getMessage());
    }

    @Test
    void unboundAliasListsTheBoundOnes() {
        LockfileException e =
                assertThrows(LockfileException.class, () -> lock.resolve("summarizer", "default", PROVIDERS));
        assertTrue(e.getMessage().contains("'summarizer' is not bound in profile 'default'"), e.getMessage());
        assertTrue(e.getMessage().contains("assistant"), e.getMessage());
    }

    @Test
    void aliasMissingFromThePackageNamesThePackage() {
        LockfileException e = assertThrows(
                LockfileException.class, () -> lock.resolve("acme-summaries:translator", "default", PROVIDERS));
        assertTrue(e.getMessage().contains("acme-summaries"), e.getMessage());
        assertTrue(e.getMessage().contains("[summarizer, tagger]"), e.getMessage());
    }

    @Test
    void declaredPackageWithoutAClasspathLockfileSaysWhereItLooked() {
        LockfileNotFoundException e =
                assertThrows(LockfileNotFoundException.class, () -> lock.resolve("tools:y", "default", PROVIDERS));
        assertEquals(List.of("classpath:META-INF/llmring/tools/llmring.lock"), e.placesLooked());
    }

    @Test
    void unknownProfileIsAnError() {
        assertThrows(LockfileException.class, () -> lock.resolve("assistant", "qa", PROVIDERS));
    }

    @Test
    void requireReportsEveryMissingAliasAtOnce() {
        LockfileException e = assertThrows(
                LockfileException.class,
                () -> lock.require(
                        "default",
                        PROVIDERS,
                        "assistant",
                        "summarizer",
                        "acme-summaries:summarizer",
                        "acme-summaries:nope",
                        "vendor:thing"));
        String message = e.getMessage();
        assertTrue(message.contains("cannot resolve 3 aliases"), message);
        assertTrue(message.contains("'summarizer'"), message);
        assertTrue(message.contains("'acme-summaries:nope'"), message);
        assertTrue(message.contains("'vendor:thing'"), message);
    }

    @Test
    void requirePassesWhenEverythingResolves() {
        lock.require("default", PROVIDERS, "assistant", "acme-summaries:summarizer", "openai:gpt-4o");
    }
}
