package dev.llmring.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.ChatRequest;
import dev.llmring.ContentPart;
import dev.llmring.Role;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading input lines: both shapes, every field, the request hash, and errors that name the field, not the text. */
class ParsedLineTest {
    private static final String FULL = "{\"custom_id\":\"r1\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
            + "\"body\":{\"model\":\"extractor\",\"messages\":["
            + "{\"role\":\"developer\",\"content\":\"Be exact.\"},"
            + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What is this?\"},"
            + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,iVBORw0KGgo=\"}}]},"
            + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
            + "\"function\":{\"name\":\"lookup\",\"arguments\":\"{\\\"q\\\":\\\"x\\\"}\"}}]},"
            + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"found\"}],"
            + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"lookup\",\"description\":\"Looks up\","
            + "\"parameters\":{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"string\"}}}}}],"
            + "\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"lookup\"}},"
            + "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"answer\",\"strict\":true,"
            + "\"schema\":{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}}},"
            + "\"temperature\":0.2,\"max_completion_tokens\":300,\"stop\":[\"END\"],\"seed\":7,\"top_p\":0.9}}";

    @Test
    void everyFieldOfAnOpenAiBatchBodyIsRead() {
        ParsedLine line = ParsedLine.parse(4, FULL, null);

        assertNull(line.error(), line.error());
        ChatRequest r = line.request();
        assertEquals("r1", line.customId());
        assertEquals("extractor", r.model());
        assertEquals(Role.SYSTEM, r.messages().get(0).role());
        assertTrue(r.messages().get(1).content().get(1) instanceof ContentPart.Image);
        assertEquals("lookup", r.messages().get(2).toolCalls().get(0).name());
        assertEquals("call_1", r.messages().get(3).toolCallId().orElseThrow());
        assertEquals("lookup", r.tools().get(0).name());
        assertEquals("lookup", r.toolChoice().toolName().orElseThrow());
        assertEquals("json_schema", r.responseFormat().type());
        assertTrue(r.responseFormat().strict());
        assertEquals(0.2, r.temperature().orElseThrow());
        assertEquals(300, r.maxOutputTokens().orElseThrow());
        assertEquals(java.util.List.of("END"), r.stop());
        assertEquals(7, r.seed().orElseThrow());
        assertEquals(Map.of("top_p", 0.9), r.providerOptions("openai"));
    }

    @Test
    void theShortShapeReadsTheSameFieldsBesideTheId() {
        ParsedLine line = ParsedLine.parse(
                1,
                "{\"custom_id\":\"s\",\"model\":\"fast\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                null);

        assertEquals("fast", line.request().model());
        assertEquals("hi", line.request().messages().get(0).text());
    }

    @Test
    void theAliasReplacesTheLinesModel() {
        ParsedLine line = ParsedLine.parse(
                1,
                "{\"custom_id\":\"s\",\"model\":\"fast\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "slow");

        assertEquals("slow", line.request().model());
    }

    @Test
    void theHashIgnoresMemberOrderAndSpacingButNotContent() {
        String a = "{\"custom_id\":\"s\",\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        String b =
                "{ \"messages\": [ {\"content\": \"hi\", \"role\": \"user\"} ], \"model\": \"m\", \"custom_id\": \"s\" }";
        String c = a.replace("hi", "ho");

        assertEquals(
                ParsedLine.parse(1, a, null).requestHash(),
                ParsedLine.parse(1, b, null).requestHash());
        assertNotEquals(
                ParsedLine.parse(1, a, null).requestHash(),
                ParsedLine.parse(1, c, null).requestHash());
        assertNotEquals(
                ParsedLine.parse(1, a, null).requestHash(),
                ParsedLine.parse(1, a, "other").requestHash());
    }

    @Test
    void aLineThatIsNotJsonIsNamedByItsColumnNeverByItsText() {
        ParsedLine line = ParsedLine.parse(9, "{\"custom_id\":\"s\", secret words here", null);

        assertEquals("s", line.customId());
        assertTrue(line.error().startsWith("not valid JSON (at column"), line.error());
        assertFalse(line.error().contains("secret"), line.error());
    }

    @Test
    void aMethodOtherThanPostIsRefused() {
        ParsedLine line = ParsedLine.parse(1, FULL.replace("\"POST\"", "\"GET\""), null);

        assertEquals("'method' must be POST, was 'GET'", line.error());
    }

    @Test
    void aToolMessageWithoutItsCallIdIsRefusedNamingTheField() {
        ParsedLine line = ParsedLine.parse(1, FULL.replace("\"tool_call_id\":\"call_1\",", ""), null);

        assertEquals("'messages[3].tool_call_id' is missing", line.error());
    }

    @Test
    void quickIdReadsOnlyTheTopLevelId() {
        assertEquals("top", ParsedLine.quickId("{\"body\":{\"custom_id\":\"inner\"},\"custom_id\":\"top\"}"));
        assertNull(ParsedLine.quickId("{\"body\":{\"custom_id\":\"inner\"}}"));
        assertNull(ParsedLine.quickId("[1,2]"));
    }
}
