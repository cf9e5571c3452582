package dev.llmring.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuickStartTest {

    @Test
    void runsOfflineWithFailoverWhenNoKeyIsSet() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        QuickStart.run(QuickStart.environment(Map.of()), new PrintStream(buffer, true, StandardCharsets.UTF_8));
        String out = buffer.toString(StandardCharsets.UTF_8);

        assertTrue(out.contains("Running OFFLINE on the 'test' profile"), out);
        assertTrue(out.contains("scripted:overloaded #1 FAILED ProviderUnavailableException (529)"), out);
        assertEquals(2, out.split("-- served by scripted:summarizer", -1).length - 1, out);
    }

    @Test
    void choosesTheDefaultProfileWhenAKeyIsSet() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        String profile = QuickStart.chooseProfile(
                QuickStart.environment(Map.of("OPENAI_API_KEY", "test-key-123")),
                new PrintStream(buffer, true, StandardCharsets.UTF_8));

        assertEquals("default", profile);
        assertTrue(buffer.toString(StandardCharsets.UTF_8).contains("OPENAI_API_KEY"));
        assertTrue(!buffer.toString(StandardCharsets.UTF_8).contains("test-key-123"));
    }

    @Test
    void anExplicitProfileWins() {
        String profile = QuickStart.chooseProfile(
                QuickStart.environment(Map.of("LLMRING_PROFILE", "test", "OPENAI_API_KEY", "test-key-123")),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertEquals("test", profile);
    }
}
