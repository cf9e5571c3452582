package dev.llmring.spi;

import dev.llmring.ChatRequest;
import java.net.http.HttpHeaders;

/**
 * Encodes requests for one provider and decodes its answers and errors. Stateless and thread-safe: one adapter serves
 * every call to its provider.
 */
public interface ProviderAdapter {

    /** The provider name this adapter serves under (its {@link ProviderConfig#name()}). */
    String name();

    /** Whether calls need an API key; a binding whose provider needs one and has none is skipped. */
    default boolean requiresApiKey() {
        return true;
    }

    /**
     * Whether the provider downloads {@code https} media URLs itself. When false, the core fetches URL media through
     * the safe fetcher (if enabled) and hands the adapter bytes, or refuses the request.
     */
    default boolean acceptsMediaUrls() {
        return false;
    }

    /**
     * Whether the provider downloads this particular media part's URL itself (an {@link dev.llmring.ContentPart.Image}
     * or {@link dev.llmring.ContentPart.Document} given by an {@code https} URL). Override when the provider takes
     * some kinds of media by URL and not others (e.g. images but not documents); the core then fetches the others.
     * The default is {@link #acceptsMediaUrls()}.
     */
    default boolean acceptsMediaUrl(dev.llmring.ContentPart part) {
        return acceptsMediaUrls();
    }

    /** How streamed answers are framed. */
    default WireFormat streamFormat() {
        return WireFormat.SSE;
    }

    /** The response header holding the provider's request id. */
    default String requestIdHeader() {
        return "x-request-id";
    }

    /**
     * Encodes {@code request} for {@code model} (the model part of the binding). Media parts given by URL reach here
     * only if {@link #acceptsMediaUrls()}.
     *
     * @param stream whether to ask for a streamed answer
     * @throws dev.llmring.InvalidRequestException when the request uses something this provider cannot express
     */
    HttpCall encode(ChatRequest request, String model, boolean stream);

    /** A decoder for one exchange, delivering to {@code sink}. */
    ResponseDecoder decoder(String model, EventSink sink);

    /**
     * Classifies a failed exchange: a non-2xx status, or a 2xx streamed response whose body turned out to be a single
     * JSON document instead of a stream (some providers send errors that way). The default uses the status alone.
     *
     * @param body the response body as text, possibly truncated to a few KiB
     */
    default ProviderError classify(int status, HttpHeaders headers, String body) {
        return ProviderError.of(ProviderError.kindForStatus(status), "HTTP " + status);
    }
}
