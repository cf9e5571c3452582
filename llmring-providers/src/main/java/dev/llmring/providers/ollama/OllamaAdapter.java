package dev.llmring.providers.ollama;

import dev.llmring.ChatRequest;
import dev.llmring.ErrorDetails;
import dev.llmring.InvalidRequestException;
import dev.llmring.providers.internal.Endpoints;
import dev.llmring.providers.internal.JsonPostAdapter;
import dev.llmring.spi.EventSink;
import dev.llmring.spi.HttpCall;
import dev.llmring.spi.ProviderError;
import dev.llmring.spi.ResponseDecoder;
import dev.llmring.spi.WireFormat;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Map;

/** The Ollama adapter: stateless, one per provider configuration. */
final class OllamaAdapter extends JsonPostAdapter {
    private static final Map<String, String> HEADERS =
            HttpCall.fixedHeaders(Map.of("content-type", "application/json"));

    private final URI endpoint;

    OllamaAdapter(String name, URI base) {
        super(name);
        this.endpoint = Endpoints.resolve(base, "/api/chat");
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
    protected URI uri(String model, boolean stream) {
        return endpoint;
    }

    @Override
    protected byte[] encodeBody(ChatRequest request, String model, boolean stream) {
        if (model.isBlank()) {
            throw new InvalidRequestException("Ollama model name is blank", ErrorDetails.of(name(), model));
        }
        return OllamaRequestEncoder.encode(request, name(), model, stream);
    }

    @Override
    protected Map<String, String> headers(boolean stream) {
        return HEADERS;
    }

    @Override
    protected ResponseDecoder newDecoder(EventSink sink) {
        return new OllamaDecoder(sink);
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
        return "OllamaAdapter[" + name() + ", " + endpoint + "]";
    }
}
