package dev.llmring.spi;

import org.jspecify.annotations.Nullable;

/**
 * Decodes one exchange's answer into {@link dev.llmring.StreamEvent}s on an {@link EventSink}. A new decoder is made
 * for every exchange, so it may keep state (tool-call fragments, usage seen so far). Either {@link #decodeBody} is
 * called once (non-streamed), or {@link #onFrame} for each frame and then {@link #onEnd} (streamed).
 *
 * <p>A decoder signals a provider error found in the answer (an {@code error} event mid-stream, an error object in
 * an NDJSON line) or an answer it cannot make sense of by throwing {@link ProviderFailure}.
 */
public interface ResponseDecoder {

    /**
     * Decodes a complete non-streamed body.
     *
     * @param body the whole response body
     * @throws ProviderFailure when the body is an error or malformed
     */
    void decodeBody(byte[] body);

    /**
     * Decodes one frame of a stream: for SSE, the event's {@code event:} name (or {@code null}) and its joined
     * {@code data:} lines; for NDJSON, {@code null} and one line. Comments, keep-alives and blank frames never
     * reach here.
     *
     * @param event the SSE event name, or {@code null}
     * @param data the frame's data
     * @throws ProviderFailure when the frame is an error or malformed
     */
    void onFrame(@Nullable String event, String data);

    /**
     * The stream's body ended. A decoder that has not seen its provider's end marker (or its final event) throws,
     * so that a stream cut mid-way is an error, never a silent short answer.
     *
     * @throws ProviderFailure when the stream ended before it was complete
     */
    void onEnd();
}
