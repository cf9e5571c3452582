package dev.llmring.lens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.ChatRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prompts files in the batch input shape, full and short, and what a bad line reports. */
class PromptLinesTest {
    @TempDir
    Path dir;

    private Path file(String... lines) throws Exception {
        return Files.writeString(dir.resolve("prompts.jsonl"), String.join("\n", lines) + "\n");
    }

    @Test
    void readsTheOpenAiBatchShape() throws Exception {
        PromptSet set = PromptSet.fromJsonl(file(
                "{\"custom_id\":\"r1\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":{\"model\":\"x\","
                        + "\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},{\"role\":\"user\","
                        + "\"content\":\"hi\"}],\"max_tokens\":20,\"temperature\":0.5}}"));
        ChatRequest r = set.get(0).request("fast");
        assertEquals("r1", set.get(0).id());
        assertEquals(2, r.messages().size());
        assertEquals(20, r.maxOutputTokens().orElseThrow());
        assertEquals("fast", r.model());
    }

    @Test
    void readsTheShortShapeWithTextParts() throws Exception {
        PromptSet set = PromptSet.fromJsonl(file(
                "",
                "{\"custom_id\":\"r2\",\"model\":\"x\",\"messages\":[{\"role\":\"user\",\"content\":"
                        + "[{\"type\":\"text\",\"text\":\"a\"},{\"type\":\"text\",\"text\":\"b\"}]}]}"));
        assertEquals(1, set.size());
        assertEquals("r2", set.get(0).id());
    }

    @Test
    void aBadLineIsNamedByFileLineAndField() throws Exception {
        Path f = file(
                "{\"custom_id\":\"ok\",\"model\":\"x\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "{\"custom_id\":\"bad\",\"model\":\"x\",\"messages\":[{\"role\":\"robot\",\"content\":\"hi\"}]}");
        LensException e = assertThrows(LensException.class, () -> PromptSet.fromJsonl(f));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("prompts.jsonl:2: field 'messages[0].role'"), e.getMessage());
    }

    @Test
    void aLineThatIsNotJsonIsNamed() throws Exception {
        Path f = file("{not json");
        LensException e = assertThrows(LensException.class, () -> PromptSet.fromJsonl(f));
        assertTrue(e.getMessage().contains("prompts.jsonl:1: the line is not JSON"), e.getMessage());
    }

    @Test
    void syntheticPromptsCapTheOutputAndDiffer() {
        PromptSet set = PromptSet.synthetic(3, 100, 32);
        assertEquals(32, set.get(0).request("t").maxOutputTokens().orElseThrow());
        assertTrue(!set.get(0).messages().equals(set.get(1).messages()));
        assertEquals(set.get(0), set.get(3)); // round again
    }
}
