package dev.llmring.providers.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmring.ChatRequest;
import dev.llmring.spi.EventSink;
import dev.llmring.spi.HttpCall;
import dev.llmring.spi.ProviderAdapter;
import dev.llmring.spi.ResponseDecoder;
import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * What every adapter does the same way: it serves under one name, checks its arguments, and posts a JSON body. A
 * subclass says where ({@link #uri}), with which headers ({@link #headers}), what body ({@link #body} or
 * {@link #encodeBody}) and how the
 * answer is decoded ({@link #newDecoder}); the {@link ProviderAdapter} defaults it overrides stay its own.
 */
public abstract class JsonPostAdapter implements ProviderAdapter {
    private final String name;

    protected JsonPostAdapter(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public final String name() {
        return name;
    }

    /**
     * Posts {@link #body} to {@link #uri} (asked first, so that a model name unfit for a URL is refused before any
     * encoding) with {@link #headers}.
     *
     * @throws dev.llmring.InvalidRequestException when the request uses something the provider cannot express
     */
    @Override
    public final HttpCall encode(ChatRequest request, String model, boolean stream) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(model, "model");
        URI uri = uri(model, stream);
        return HttpCall.post(uri, headers(stream), encodeBody(request, model, stream));
    }

    @Override
    public final ResponseDecoder decoder(String model, EventSink sink) {
        return newDecoder(Objects.requireNonNull(sink, "sink"));
    }

    /**
     * Where a call for {@code model} goes.
     *
     * @throws dev.llmring.InvalidRequestException when {@code model} is not a model name of this provider
     */
    protected abstract URI uri(String model, boolean stream);

    /**
     * The request body as UTF-8 JSON: by default {@link #body} written out. An adapter that writes its body straight
     * to bytes (a {@link com.fasterxml.jackson.core.JsonGenerator}, no tree) overrides this instead of {@link #body}.
     *
     * @param request the request to encode
     * @param model the provider's model name
     * @param stream whether the answer is to be streamed
     * @return the body as UTF-8 JSON
     * @throws dev.llmring.InvalidRequestException when the request uses something the provider cannot express
     */
    protected byte[] encodeBody(ChatRequest request, String model, boolean stream) {
        return ProviderJson.bytes(body(request, model, stream));
    }

    /**
     * The request body as a tree, for {@link #encodeBody}'s default; not called when an adapter overrides that.
     *
     * @param request the request to encode
     * @param model the provider's model name
     * @param stream whether the answer is to be streamed
     * @return the body
     * @throws dev.llmring.InvalidRequestException when the request uses something the provider cannot express
     * @throws UnsupportedOperationException unless overridden (an adapter overrides this or {@link #encodeBody})
     */
    protected JsonNode body(ChatRequest request, String model, boolean stream) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " writes its body in encodeBody");
    }

    /** The request headers, content type and credentials included. */
    protected abstract Map<String, String> headers(boolean stream);

    /** A decoder for one exchange. */
    protected abstract ResponseDecoder newDecoder(EventSink sink);
}
