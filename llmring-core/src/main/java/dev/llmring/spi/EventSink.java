package dev.llmring.spi;

import dev.llmring.StreamEvent;

/** Where a decoder delivers what it decodes. Called on the thread that feeds the decoder; not thread-safe. */
public interface EventSink {

    /** Delivers one event, in order. */
    void emit(StreamEvent event);

    /** The provider's id for this request, when it is in the body rather than a header. */
    void requestId(String requestId);
}
