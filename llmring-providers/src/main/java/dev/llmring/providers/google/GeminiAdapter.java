package dev.llmring.providers.google;

import dev.llmring.ChatRequest;
import dev.llmring.ErrorDetails;
import dev.llmring.InvalidRequestException;
import dev.llmring.providers.internal.Endpoints;
import dev.llmring.providers.internal.ProviderJson;
import dev.llmring.spi.ApiKey;
import dev.llmring.spi.EventSink;
import dev.llmring.spi.HttpCall;
import dev.llmring.spi.ProviderAdapter;
import dev.llmring.spi.ProviderError;
import dev.llmring.spi.ResponseDecoder;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The Gemini adapter: stateless, one per provider configuration. */
final class GeminiAdapter implements ProviderAdapter {
    private static final Pattern MODEL = Pattern.compile("(?:models/|tunedModels/)?[A-Za-z0-9][A-Za-z0-9._-]*");

    private final String name;
    private final String base;
    private final @Nullable ApiKey apiKey;

    GeminiAdapter(String name, URI base, @Nullable ApiKey apiKey) {
        this.name = name;
        this.base = Endpoints.trimmed(base);
        this.apiKey = apiKey;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public HttpCall encode(ChatRequest request, String model, boolean stream) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(model, "model");
        if (!MODEL.matcher(model).matches()) {
            throw new InvalidRequestException("not a Gemini model name: '" + model + "'", ErrorDetails.of(name, model));
        }
        byte[] body = ProviderJson.bytes(GeminiRequestEncoder.encode(request, name, model));
        String path = model.contains("/") ? model : "models/" + model;
        URI uri = URI.create(base + "/" + path + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent"));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        if (apiKey != null) headers.put("x-goog-api-key", apiKey.reveal());
        return HttpCall.post(uri, headers, body);
    }

    @Override
    public ResponseDecoder decoder(String model, EventSink sink) {
        return new GeminiDecoder(Objects.requireNonNull(sink, "sink"));
    }

    /** Reads Google's error envelope, plain or wrapped in an array, whatever the status (see {@link GeminiErrors}). */
    @Override
    public ProviderError classify(int status, HttpHeaders headers, String body) {
        return GeminiErrors.classify(status, body);
    }

    @Override
    public String toString() {
        return "GeminiAdapter[" + name + ", " + base + ", apiKey=" + (apiKey == null ? "none" : "set") + "]";
    }
}
