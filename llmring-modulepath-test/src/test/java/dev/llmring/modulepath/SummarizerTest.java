package dev.llmring.modulepath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.llmring.LlmRing;
import dev.llmring.lockfile.Format;
import dev.llmring.lockfile.Lockfile;
import dev.llmring.testing.ScriptedProvider;
import org.junit.jupiter.api.Test;

class SummarizerTest {
    private static final String LOCKFILE =
            """
            version = "1.0"
            default_profile = "test"

            [profiles.test]
            name = "test"
            [[profiles.test.bindings]]
            alias = "summarizer"
            models = ["scripted:short"]
            """;

    @Test
    void testsOnTheModulePathUseTheScriptedProvider() {
        ScriptedProvider scripted = ScriptedProvider.builder()
                .script(ScriptedProvider.script("short")
                        .reply("A short summary.")
                        .build())
                .build();
        try (LlmRing ring = LlmRing.builder()
                .lockfile(Lockfile.parse(LOCKFILE, Format.TOML, "llmring.lock"))
                .provider(scripted)
                .noRegistry()
                .build()) {
            assertEquals("A short summary.", new Summarizer(ring).summarise("A long text."));
        }
    }

    @Test
    void applicationAndCoreRunAsNamedModulesWithTheTestingJarOnTheClassPath() {
        assertEquals("dev.llmring.modulepath", Summarizer.class.getModule().getName());
        assertEquals("dev.llmring.core", LlmRing.class.getModule().getName());
        assertFalse(ScriptedProvider.class.getModule().isNamed());
    }
}
