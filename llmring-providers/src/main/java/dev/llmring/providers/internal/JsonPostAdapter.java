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
 * subclass says where ({@link #uri}), with which headers ({@link #headers}), what body ({@link #body}) and how the
 * answer is decoded ({@link #newDecoder}); the {@link ProviderAdapter} defaults it overrides stay its own.
 */
public abstract class JsonPostAdapter implements ProviderAdapter {
    private final String name;

    /**
     * An adapter serving under {@code name}.
     *
     * @param name the provider name from the config, e.g. {@code openai} or a compatible server's name
     */
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
        byte[] body = ProviderJson.bytes(body(request, model, stream));
        return HttpCall.post(uri, headers(stream), body);
    }

    @Override
    public final ResponseDecoder decoder(String model, EventSink sink) {
        return newDecoder(Objects.requireNonNull(sink, "sink"));
    }

    /**
     * Where a call for {@code model} goes.
     *
     * @param model the model part of the binding
     * @param stream whether a streamed answer is asked for
     * @return the endpoint
     * @throws dev.llmring.InvalidRequestException when {@code model} is not a model name of this provider
     */
    protected abstract URI uri(String model, boolean stream);

    /**
     * The request body.
     *
     * @param request the request, media URLs already resolved as {@link #acceptsMediaUrls()} asks
     * @param model the model part of the binding
     * @param stream whether to ask for a streamed answer
     * @return the JSON body
     * @throws dev.llmring.InvalidRequestException when the request uses something the provider cannot express
     */
    protected abstract JsonNode body(ChatRequest request, String model, boolean stream);

    /**
     * The request headers, content type and credentials included.
     *
     * @param stream whether a streamed answer is asked for
     * @return header names and values, in order
     */
    protected abstract Map<String, String> headers(boolean stream);

    /**
     * A decoder for one exchange.
     *
     * @param sink where the decoder delivers events
     * @return a new decoder
     */
    protected abstract ResponseDecoder newDecoder(EventSink sink);
}
