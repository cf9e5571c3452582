package dev.llmring.modulepath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.ChatRequest;
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

    /** In a package this module neither exports nor opens: dev.llmring.core cannot construct it. */
    record Summary(String text) {}

    @Test
    void testsOnTheModulePathUseTheScriptedProvider() {
        try (LlmRing ring = ring()) {
            assertEquals("A short summary.", new Summarizer(ring).summarise("A long text."));
        }
    }

    @Test
    void applicationAndCoreRunAsNamedModulesWithTheTestingJarOnTheClassPath() {
        assertEquals("dev.llmring.modulepath", Summarizer.class.getModule().getName());
        assertEquals("dev.llmring.core", LlmRing.class.getModule().getName());
        assertFalse(ScriptedProvider.class.getModule().isNamed());
    }

    @Test
    void aRecordCoreCannotConstructIsRefusedBeforeTheCall() {
        // Were the request sent, the script's plain-text answer would fail as a StructuredOutputException.
        try (LlmRing ring = ring()) {
            ChatRequest request =
                    ChatRequest.builder("summarizer").user("A long text.").build();
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> ring.chat(request, Summary.class));
            assertTrue(e.getMessage().contains(Summary.class.getName()), e.getMessage());
        }
    }

    private static LlmRing ring() {
        ScriptedProvider scripted = ScriptedProvider.builder()
                .script(ScriptedProvider.script("short")
                        .reply("A short summary.")
                        .build())
                .build();
        return LlmRing.builder()
                .lockfile(Lockfile.parse(LOCKFILE, Format.TOML, "llmring.lock"))
                .provider(scripted)
                .noRegistry()
                .build();
    }
}
