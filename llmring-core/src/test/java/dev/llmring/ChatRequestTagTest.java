package dev.llmring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The application's tag on a request: optional, validated at once, kept by toBuilder, never in toString. */
class ChatRequestTagTest {

    private static ChatRequest.Builder request() {
        return ChatRequest.builder("summarizer").user("hello");
    }

    @Test
    void aRequestHasNoTagUnlessOneIsSet() {
        assertFalse(request().build().tag().isPresent());
    }

    @Test
    void aTagSurvivesToBuilder() {
        ChatRequest tagged = request().tag("tenant-42").build();
        assertEquals("tenant-42", tagged.tag().orElseThrow());
        assertEquals("tenant-42", tagged.toBuilder().build().tag().orElseThrow());
    }

    @Test
    void aBlankLongOrControlCharacterTagIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> request().tag(" "));
        assertThrows(IllegalArgumentException.class, () -> request().tag("x".repeat(129)));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> request().tag("a\nb"));
        assertTrue(e.getMessage().contains("3 characters"), e.getMessage());
    }
}
