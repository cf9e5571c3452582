package dev.llmring.spi;

import dev.llmring.StreamEvent;

/** Where a decoder delivers what it decodes. Called on the thread that feeds the decoder; not thread-safe. */
public interface EventSink {

    /**
     * Delivers one event, in order.
     *
     * @param event the decoded event
     */
    void emit(StreamEvent event);

    /**
     * The provider's id for this request, when it is in the body rather than a header.
     *
     * @param requestId the provider's request id
     */
    void requestId(String requestId);

    /**
     * The provider's id for this answer (OpenAI's {@code chatcmpl-…}, Anthropic's {@code msg_…}, Gemini's
     * {@code responseId}), when the answer carries one. Does nothing by default; the first id delivered counts.
     *
     * @param responseId the provider's answer id
     */
    default void responseId(String responseId) {}

    /**
     * The model that produced the answer as the provider names it (often more specific than the binding's, e.g.
     * {@code gpt-4o-mini-2024-07-18}), when the answer says. Does nothing by default; the first model delivered counts.
     *
     * @param responseModel the model name the answer gives
     */
    default void responseModel(String responseModel) {}
}
