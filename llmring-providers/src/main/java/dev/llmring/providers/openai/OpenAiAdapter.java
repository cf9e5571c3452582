package dev.llmring.providers.openai;

import dev.llmring.ChatRequest;
import dev.llmring.ErrorDetails;
import dev.llmring.InvalidRequestException;
import dev.llmring.providers.internal.Endpoints;
import dev.llmring.providers.internal.JsonPostAdapter;
import dev.llmring.spi.ApiKey;
import dev.llmring.spi.EventSink;
import dev.llmring.spi.HttpCall;
import dev.llmring.spi.ProviderError;
import dev.llmring.spi.ResponseDecoder;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The OpenAI Chat Completions adapter, serving under {@link #name()} (see the package documentation). */
final class OpenAiAdapter extends JsonPostAdapter {
    private final URI endpoint;
    private final @Nullable ApiKey apiKey;
    private final Map<String, String> extraHeaders;
    private final OpenAiRequestEncoder encoder;
    private final Map<String, String> chatHeaders;
    private final Map<String, String> streamHeaders;

    OpenAiAdapter(String name, URI baseUrl, @Nullable ApiKey apiKey, Map<String, String> extraHeaders) {
        super(name);
        this.endpoint = endpoint(baseUrl);
        this.apiKey = apiKey;
        this.extraHeaders = Map.copyOf(extraHeaders);
        this.encoder = new OpenAiRequestEncoder(name);
        this.chatHeaders = buildHeaders(false);
        this.streamHeaders = buildHeaders(true);
    }

    /** {@code {base}/chat/completions}, keeping a query the base URL carries (some gateways need one). */
    static URI endpoint(URI base) {
        return Endpoints.resolve(base, "/chat/completions");
    }

    @Override
    public boolean acceptsMediaUrls() {
        return true;
    }

    /** Chat Completions downloads image URLs; a document it needs as bytes ({@code file_data}). */
    @Override
    public boolean acceptsMediaUrl(dev.llmring.ContentPart part) {
        return part instanceof dev.llmring.ContentPart.Image;
    }

    @Override
    public String requestIdHeader() {
        return "x-request-id";
    }

    @Override
    protected URI uri(String model, boolean stream) {
        return endpoint;
    }

    /** @throws InvalidRequestException when the request uses something Chat Completions cannot express */
    @Override
    protected byte[] encodeBody(ChatRequest request, String model, boolean stream) {
        try {
            return encoder.encode(request, model, stream);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage(), ErrorDetails.of(name(), model), e);
        }
    }

    /** Built once per adapter: they never change between calls. */
    @Override
    protected Map<String, String> headers(boolean stream) {
        return stream ? streamHeaders : chatHeaders;
    }

    private Map<String, String> buildHeaders(boolean stream) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (apiKey != null) headers.put("Authorization", "Bearer " + apiKey.reveal());
        headers.put("Content-Type", "application/json");
        headers.put("Accept", stream ? "text/event-stream" : "application/json");
        headers.putAll(extraHeaders);
        return HttpCall.fixedHeaders(headers);
    }

    @Override
    protected ResponseDecoder newDecoder(EventSink sink) {
        return new OpenAiDecoder(sink, apiKey);
    }

    @Override
    public ProviderError classify(int status, HttpHeaders headers, String body) {
        return OpenAiErrors.classify(status, body, apiKey);
    }

    @Override
    public String toString() {
        return "OpenAiAdapter[name=" + name() + ", endpoint=" + endpoint + "]";
    }
}
