package dev.llmring.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmring.ChatRequest;
import dev.llmring.ContentPart;
import dev.llmring.Message;
import dev.llmring.Tool;
import org.junit.jupiter.api.Test;

class TokenEstimatorTest {
    @Test
    void textCountsOneTokenPerFourCharactersPlusFraming() {
        // "hello world!" = 12 ASCII chars -> 3; + 4 per message + 3 per request = 10
        assertEquals(
                10,
                TokenEstimator.inputTokens(
                        ChatRequest.builder("a").user("hello world!").build()));
    }

    @Test
    void roundsPartialTokensUp() {
        // 5 chars -> 2; + 4 + 3 = 9
        assertEquals(
                9,
                TokenEstimator.inputTokens(
                        ChatRequest.builder("a").user("hello").build()));
    }

    @Test
    void nonAsciiCountsATokenPerCodePoint() {
        // 4 CJK code points -> 4; + 4 + 3 = 11
        assertEquals(
                11,
                TokenEstimator.inputTokens(ChatRequest.builder("a").user("日本語文").build()));
    }

    @Test
    void imagesCountAFixedAmount() {
        ChatRequest r = ChatRequest.builder("a")
                .message(Message.user(ContentPart.image(new byte[] {1, 2, 3}, "image/png")))
                .build();
        assertEquals(TokenEstimator.PER_IMAGE + 4 + 3, TokenEstimator.inputTokens(r));
    }

    @Test
    void largeDocumentsCountByTheirSize() {
        ChatRequest r = ChatRequest.builder("a")
                .message(Message.user(ContentPart.pdf(new byte[1_000_000])))
                .build();
        // 1,000,000 bytes / 50 = 20,000 (more than the 3,000 floor); + 4 + 3
        assertEquals(20_007, TokenEstimator.inputTokens(r));
    }

    @Test
    void toolsCountTheirNameDescriptionAndSchema() {
        // tool: 8 + "t" (1) + "abcd" (1) + {"type":"object"} 17 chars (5) = 15; message "hi" 1 + 4; request 3
        ChatRequest r = ChatRequest.builder("a")
                .user("hi")
                .tool(Tool.of("t", "abcd", "{\"type\":\"object\"}"))
                .build();
        assertEquals(23, TokenEstimator.inputTokens(r));
    }
}
