package dev.llmring.providers.anthropic;

import dev.llmring.ChatRequest;
import dev.llmring.providers.internal.Endpoints;
import dev.llmring.providers.internal.ProviderJson;
import dev.llmring.spi.ApiKey;
import dev.llmring.spi.EventSink;
import dev.llmring.spi.HttpCall;
import dev.llmring.spi.ProviderAdapter;
import dev.llmring.spi.ProviderConfig;
import dev.llmring.spi.ProviderError;
import dev.llmring.spi.ResponseDecoder;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The Anthropic Messages API adapter. Stateless and thread-safe. */
final class AnthropicAdapter implements ProviderAdapter {
    static final String API_VERSION = "2023-06-01";
    static final URI DEFAULT_BASE_URL = URI.create("https://api.anthropic.com");

    private final String name;
    private final URI messagesUri;
    private final @Nullable ApiKey apiKey;
    private final String version;
    private final @Nullable String beta;

    AnthropicAdapter(ProviderConfig config) {
        this.name = config.name();
        this.messagesUri = Endpoints.resolve(config.baseUrl().orElse(DEFAULT_BASE_URL), "/v1/messages");
        this.apiKey = config.apiKey()
                .or(() -> config.env(AnthropicProviderFactory.KEY_ENV).map(k -> ApiKey.of(k.strip())))
                .orElse(null);
        this.version = config.options().getOrDefault("version", API_VERSION);
        String b = config.options().get("beta");
        this.beta = b == null || b.isBlank() ? null : b;
    }

    @Override
    public String name() {
        return name;
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
    public HttpCall encode(ChatRequest request, String model, boolean stream) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(model, "model");
        EncodeContext ctx = new EncodeContext(name, model);
        byte[] body = ProviderJson.bytes(RequestEncoder.encode(request, name, ctx, stream));
        Map<String, String> headers = new LinkedHashMap<>();
        if (apiKey != null) headers.put("x-api-key", apiKey.reveal());
        headers.put("anthropic-version", version);
        if (beta != null) headers.put("anthropic-beta", beta);
        headers.put("content-type", "application/json");
        return HttpCall.post(messagesUri, headers, body);
    }

    @Override
    public ResponseDecoder decoder(String model, EventSink sink) {
        return new MessagesDecoder(Objects.requireNonNull(sink, "sink"));
    }

    @Override
    public ProviderError classify(int status, HttpHeaders headers, String body) {
        return ErrorClassifier.classify(status, body);
    }

    @Override
    public String toString() {
        return "AnthropicAdapter[" + name + ", " + messagesUri + "]";
    }
}
