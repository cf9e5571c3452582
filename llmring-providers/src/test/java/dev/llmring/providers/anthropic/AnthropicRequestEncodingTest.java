package dev.llmring.providers.anthropic;

import static dev.llmring.providers.anthropic.Fixtures.body;
import static dev.llmring.providers.anthropic.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.ChatRequest;
import dev.llmring.ContentPart;
import dev.llmring.InvalidRequestException;
import dev.llmring.Message;
import dev.llmring.ReasoningPart;
import dev.llmring.Role;
import dev.llmring.ToolCall;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AnthropicRequestEncodingTest {

    @Test
    void leavesOtherProvidersReasoningPartsOut() {
        ChatRequest request = ChatRequest.builder("m")
                .user("Weather in Paris?")
                .message(Message.builder(Role.ASSISTANT)
                        .reasoningPart(ReasoningPart.thinking("google", "Call the tool.", "gemini-signature"))
                        .toolCall(new ToolCall("call_1", "get_weather", "{\"location\":\"Paris\"}"))
                        .build())
                .message(Message.toolResult("call_1", "14 C"))
                .build();
        assertEquals(
                json("[{\"type\":\"tool_use\",\"id\":\"call_1\",\"name\":\"get_weather\","
                        + "\"input\":{\"location\":\"Paris\"}}]"),
                body(request).path("messages").get(1).path("content"));
    }

    @Test
    void encodesMinimalRequestWithDefaultMaxTokens() {
        ChatRequest request = ChatRequest.builder("summarizer").user("Hello").build();

        assertEquals(
                json(
                        """
                {"model": "claude-sonnet-4-5-20250929", "max_tokens": 4096,
                 "messages": [{"role": "user", "content": [{"type": "text", "text": "Hello"}]}]}
                """),
                body(request));
    }

    @Test
    void joinsSystemMessagesIntoTopLevelSystemString() {
        ChatRequest request = ChatRequest.builder("a")
                .system("You are terse.")
                .user("Hi")
                .system("Answer in French.")
                .build();

        assertEquals(
                json("\"You are terse.\\n\\nAnswer in French.\""), body(request).get("system"));
        assertEquals(1, body(request).get("messages").size());
    }

    @Test
    void sendsSystemAsCacheControlledBlocksWhenAPartHasACacheHint() {
        ChatRequest request = ChatRequest.builder("a")
                .message(Message.builder(Role.SYSTEM)
                        .part(ContentPart.text("Long policy text.").withCacheHint())
                        .build())
                .system("Be brief.")
                .user("Hi")
                .build();

        assertEquals(
                json(
                        """
                [{"type": "text", "text": "Long policy text.", "cache_control": {"type": "ephemeral"}},
                 {"type": "text", "text": "Be brief."}]
                """),
                body(request).get("system"));
    }

    @Test
    void putsCacheControlOnTheHintedUserBlock() {
        ChatRequest request = ChatRequest.builder("a")
                .message(Message.user(
                        ContentPart.text("Here is a long document.").withCacheHint(),
                        ContentPart.text("Summarise it.")))
                .build();

        assertEquals(
                json(
                        """
                [{"role": "user", "content": [
                  {"type": "text", "text": "Here is a long document.", "cache_control": {"type": "ephemeral"}},
                  {"type": "text", "text": "Summarise it."}]}]
                """),
                body(request).get("messages"));
    }

    @Test
    void keepsUserAndAssistantAlternating() {
        ChatRequest request = ChatRequest.builder("a")
                .user("What is 2+2?")
                .message(Message.assistant("4."))
                .user("And 3+3?")
                .user("Answer briefly.")
                .build();

        assertEquals(
                json(
                        """
                [{"role": "user", "content": [{"type": "text", "text": "What is 2+2?"}]},
                 {"role": "assistant", "content": [{"type": "text", "text": "4."}]},
                 {"role": "user", "content": [{"type": "text", "text": "And 3+3?"},
                                               {"type": "text", "text": "Answer briefly."}]}]
                """),
                body(request).get("messages"));
    }

    @Test
    void encodesBase64ImageWithMediaType() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
        ChatRequest request = ChatRequest.builder("a")
                .message(Message.user(ContentPart.image(png, "image/png"), ContentPart.text("What is this?")))
                .build();

        assertEquals(
                json(
                        """
                [{"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw=="}},
                 {"type": "text", "text": "What is this?"}]
                """),
                body(request).at("/messages/0/content"));
    }

    @Test
    void encodesImageUrlAsUrlSource() {
        ChatRequest request = ChatRequest.builder("a")
                .message(Message.user(ContentPart.imageUrl(URI.create("https://example.com/cat.jpg"))))
                .build();

        assertEquals(
                json(
                        """
                {"type": "image", "source": {"type": "url", "url": "https://example.com/cat.jpg"}}
                """),
                body(request).at("/messages/0/content/0"));
    }

    @Test
    void encodesPdfAsDocumentBlock() {
        byte[] pdf = "%PDF-1.7".getBytes(StandardCharsets.US_ASCII);
        ChatRequest request = ChatRequest.builder("a")
                .message(Message.user(ContentPart.pdf(pdf).withCacheHint(), ContentPart.text("Summarise.")))
                .build();

        assertEquals(
                json(
                        """
                {"type": "document",
                 "source": {"type": "base64", "media_type": "application/pdf", "data": "JVBERi0xLjc="},
                 "cache_control": {"type": "ephemeral"}}
                """),
                body(request).at("/messages/0/content/0"));
    }

    @Test
    void encodesPdfUrlAsDocumentUrlSource() {
        ChatRequest request = ChatRequest.builder("a")
                .message(Message.user(ContentPart.pdfUrl(URI.create("https://example.com/paper.pdf"))))
                .build();

        assertEquals(
                json(
                        """
                {"type": "document", "source": {"type": "url", "url": "https://example.com/paper.pdf"}}
                """),
                body(request).at("/messages/0/content/0"));
    }

    @Test
    void rejectsImageTypesAnthropicCannotRead() {
        ChatRequest request = ChatRequest.builder("a")
                .message(Message.user(ContentPart.image(new byte[] {1, 2}, "image/tiff")))
                .build();

        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> body(request));
        assertTrue(e.getMessage().contains("image/tiff"), e.getMessage());
        assertEquals("anthropic", e.provider().orElseThrow());
    }

    @Test
    void sendsTemperatureAndStopSequences() {
        ChatRequest request = ChatRequest.builder("a")
                .user("Count")
                .temperature(0.2)
                .stop("5", "END")
                .build();

        assertEquals(0.2, body(request).get("temperature").asDouble());
        assertEquals(json("[\"5\", \"END\"]"), body(request).get("stop_sequences"));
    }

    @Test
    void sendsRequestedMaxTokens() {
        ChatRequest request =
                ChatRequest.builder("a").user("Hi").maxOutputTokens(200).build();

        assertEquals(200, body(request).get("max_tokens").asInt());
    }

    @Test
    void rejectsTemperatureAboveOne() {
        ChatRequest request =
                ChatRequest.builder("a").user("Hi").temperature(1.5).build();

        assertThrows(InvalidRequestException.class, () -> body(request));
    }

    @Test
    void asksForStreamOnlyWhenStreaming() {
        ChatRequest request = ChatRequest.builder("a").user("Hi").build();

        assertTrue(body(request, true).get("stream").asBoolean());
        assertFalse(body(request, false).has("stream"));
    }

    @Test
    void dropsReasoningOfEarlierAssistantTurns() {
        ChatRequest request = ChatRequest.builder("a")
                .user("27 * 453?")
                .message(Message.builder(Role.ASSISTANT)
                        .reasoning("27*453 = 12231")
                        .text("12,231")
                        .build())
                .user("Thanks")
                .build();

        assertEquals(
                json("[{\"type\": \"text\", \"text\": \"12,231\"}]"),
                body(request).at("/messages/1/content"));
    }

    @Test
    void skipsEmptyTextBlocks() {
        ChatRequest request = ChatRequest.builder("a")
                .message(Message.builder(Role.USER).text("").text("Hi").build())
                .build();

        assertEquals(
                json("[{\"type\": \"text\", \"text\": \"Hi\"}]"), body(request).at("/messages/0/content"));
    }
}
