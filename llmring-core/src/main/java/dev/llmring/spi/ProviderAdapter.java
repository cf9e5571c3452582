package dev.llmring.spi;

import dev.llmring.ChatRequest;
import java.net.http.HttpHeaders;

/**
 * Encodes requests for one provider and decodes its answers and errors. Stateless and thread-safe: one adapter serves
 * every call to its provider.
 */
public interface ProviderAdapter {

    /** {@return the provider name this adapter serves under (its {@link ProviderConfig#name()})} */
    String name();

    /** {@return whether calls need an API key; a binding whose provider needs one and has none is skipped} */
    default boolean requiresApiKey() {
        return true;
    }

    /**
     * Whether the provider downloads {@code https} media URLs itself. When false, the core fetches URL media through
     * the safe fetcher (if enabled) and hands the adapter bytes, or refuses the request.
     *
     * @return {@code true} when media URLs may be sent to the provider as they are; {@code false} by default
     */
    default boolean acceptsMediaUrls() {
        return false;
    }

    /**
     * Whether the provider downloads this particular media part's URL itself (an {@link dev.llmring.ContentPart.Image}
     * or {@link dev.llmring.ContentPart.Document} given by an {@code https} URL). Override when the provider takes
     * some kinds of media by URL and not others (e.g. images but not documents); the core then fetches the others.
     * The default is {@link #acceptsMediaUrls()}.
     *
     * @param part an image or document part given by an {@code https} URL
     * @return {@code true} when the URL may be sent to the provider as it is
     */
    default boolean acceptsMediaUrl(dev.llmring.ContentPart part) {
        return acceptsMediaUrls();
    }

    /** {@return how streamed answers are framed} */
    default WireFormat streamFormat() {
        return WireFormat.SSE;
    }

    /** {@return the response header holding the provider's request id} */
    default String requestIdHeader() {
        return "x-request-id";
    }

    /**
     * Encodes {@code request} for {@code model} (the model part of the binding). Media parts given by URL reach here
     * only if {@link #acceptsMediaUrls()}.
     *
     * @param request the request, media URLs already replaced by bytes where the provider does not fetch them
     * @param model the model part of the binding, e.g. {@code gpt-4o} for {@code openai:gpt-4o}
     * @param stream whether to ask for a streamed answer
     * @return the HTTP call to send
     * @throws dev.llmring.InvalidRequestException when the request uses something this provider cannot express
     */
    HttpCall encode(ChatRequest request, String model, boolean stream);

    /**
     * A decoder for one exchange, delivering to {@code sink}.
     *
     * @param model the model part of the binding the request was encoded for
     * @param sink where the decoder delivers events and ids
     * @return a new decoder, used for this exchange only
     */
    ResponseDecoder decoder(String model, EventSink sink);

    /**
     * Classifies a failed exchange: a non-2xx status, or a 2xx streamed response whose body turned out to be a single
     * JSON document instead of a stream (some providers send errors that way). The default uses the status alone.
     *
     * @param status the HTTP status
     * @param headers the response headers
     * @param body the response body as text, possibly truncated to a few KiB
     * @return the error's kind and a message without secrets, with the provider's code and delay when the body has them
     */
    default ProviderError classify(int status, HttpHeaders headers, String body) {
        return ProviderError.of(ProviderError.kindForStatus(status), "HTTP " + status);
    }
}
