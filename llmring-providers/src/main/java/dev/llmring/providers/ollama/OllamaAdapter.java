package dev.llmring.providers.ollama;

import dev.llmring.ChatRequest;
import dev.llmring.ErrorDetails;
import dev.llmring.InvalidRequestException;
import dev.llmring.providers.internal.Endpoints;
import dev.llmring.providers.internal.ProviderJson;
import dev.llmring.spi.EventSink;
import dev.llmring.spi.HttpCall;
import dev.llmring.spi.ProviderAdapter;
import dev.llmring.spi.ProviderError;
import dev.llmring.spi.ResponseDecoder;
import dev.llmring.spi.WireFormat;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Map;
import java.util.Objects;

/** The Ollama adapter: stateless, one per provider configuration. */
final class OllamaAdapter implements ProviderAdapter {
    private final String name;
    private final URI endpoint;

    OllamaAdapter(String name, URI base) {
        this.name = name;
        this.endpoint = Endpoints.resolve(base, "/api/chat");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean requiresApiKey() {
        return false;
    }

    @Override
    public WireFormat streamFormat() {
        return WireFormat.NDJSON;
    }

    @Override
    public HttpCall encode(ChatRequest request, String model, boolean stream) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(model, "model");
        if (model.isBlank()) {
            throw new InvalidRequestException("Ollama model name is blank", ErrorDetails.of(name, model));
        }
        byte[] body = ProviderJson.bytes(OllamaRequestEncoder.encode(request, name, model, stream));
        return HttpCall.post(endpoint, Map.of("content-type", "application/json"), body);
    }

    @Override
    public ResponseDecoder decoder(String model, EventSink sink) {
        return new OllamaDecoder(Objects.requireNonNull(sink, "sink"));
    }

    /** Reads {@code {"error": "…"}}; "model … not found" is a missing model whatever the status. */
    @Override
    public ProviderError classify(int status, HttpHeaders headers, String body) {
        return OllamaErrors.classify(status, body);
    }

    /** The endpoint this adapter posts to. */
    URI endpoint() {
        return endpoint;
    }

    @Override
    public String toString() {
        return "OllamaAdapter[" + name + ", " + endpoint + "]";
    }
}
