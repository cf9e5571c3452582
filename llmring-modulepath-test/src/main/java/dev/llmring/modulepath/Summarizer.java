package dev.llmring.modulepath;

import dev.llmring.ChatRequest;
import dev.llmring.LlmRing;
import java.util.Objects;

/** The application's code under test: one call to the {@code summarizer} alias. */
public final class Summarizer {
    private final LlmRing ring;

    /**
     * A summarizer calling through {@code ring}.
     *
     * @param ring the client, owned by the caller
     */
    public Summarizer(LlmRing ring) {
        this.ring = Objects.requireNonNull(ring, "ring");
    }

    /**
     * Summarises {@code text}.
     *
     * @param text what to summarise
     * @return the model's answer
     */
    public String summarise(String text) {
        return ring.chat(ChatRequest.builder("summarizer")
                        .system("Summarise in one sentence.")
                        .user(text)
                        .build())
                .text();
    }
}
