package dev.llmring.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmring.ChatRequest;
import dev.llmring.providers.internal.Endpoints;
import dev.llmring.providers.internal.JsonPostAdapter;
import dev.llmring.spi.ApiKey;
import dev.llmring.spi.EventSink;
import dev.llmring.spi.HttpCall;
import dev.llmring.spi.ProviderConfig;
import dev.llmring.spi.ProviderError;
import dev.llmring.spi.ResponseDecoder;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The Anthropic Messages API adapter. Stateless and thread-safe. */
final class AnthropicAdapter extends JsonPostAdapter {
    static final String API_VERSION = "2023-06-01";
    static final URI DEFAULT_BASE_URL = URI.create("https://api.anthropic.com");

    private final URI messagesUri;
    private final @Nullable ApiKey apiKey;
    private final String version;
    private final @Nullable String beta;
    private final Map<String, String> headers;

    AnthropicAdapter(ProviderConfig config) {
        super(config.name());
        this.messagesUri = Endpoints.resolve(config.baseUrl().orElse(DEFAULT_BASE_URL), "/v1/messages");
        this.apiKey = config.apiKey()
                .or(() -> config.env(AnthropicProviderFactory.KEY_ENV).map(k -> ApiKey.of(k.strip())))
                .orElse(null);
        this.version = config.options().getOrDefault("version", API_VERSION);
        String b = config.options().get("beta");
        this.beta = b == null || b.isBlank() ? null : b;
        this.headers = buildHeaders();
    }

    @Override
    public boolean acceptsMediaUrls() {
        return true;
    }

    @Override
    public String requestIdHeader() {
        return "request-id";
    }

    @Override
    protected URI uri(String model, boolean stream) {
        return messagesUri;
    }

    @Override
    protected JsonNode body(ChatRequest request, String model, boolean stream) {
        return RequestEncoder.encode(request, name(), new EncodeContext(name(), model), stream);
    }

    @Override
    protected Map<String, String> headers(boolean stream) {
        return headers;
    }

    /** Built once: they never change between calls. */
    private Map<String, String> buildHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        if (apiKey != null) headers.put("x-api-key", apiKey.reveal());
        headers.put("anthropic-version", version);
        if (beta != null) headers.put("anthropic-beta", beta);
        headers.put("content-type", "application/json");
        return HttpCall.fixedHeaders(headers);
    }

    @Override
    protected ResponseDecoder newDecoder(EventSink sink) {
        return new MessagesDecoder(sink);
    }

    @Override
    public ProviderError classify(int status, HttpHeaders headers, String body) {
        return ErrorClassifier.classify(status, body);
    }

    @Override
    public String toString() {
        return "AnthropicAdapter[" + name() + ", " + messagesUri + "]";
    }
}
