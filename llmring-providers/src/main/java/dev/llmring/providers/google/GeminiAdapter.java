package dev.llmring.providers.google;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The Gemini adapter: stateless, one per provider configuration. */
final class GeminiAdapter extends JsonPostAdapter {
    private static final Pattern MODEL = Pattern.compile("(?:models/|tunedModels/)?[A-Za-z0-9][A-Za-z0-9._-]*");

    private final String base;
    private final @Nullable ApiKey apiKey;
    private final Map<String, String> headers;

    GeminiAdapter(String name, URI base, @Nullable ApiKey apiKey) {
        super(name);
        this.base = Endpoints.trimmed(base);
        this.apiKey = apiKey;
        this.headers = buildHeaders();
    }

    /** The model goes into the path, so it must look like a model name. */
    @Override
    protected URI uri(String model, boolean stream) {
        if (!MODEL.matcher(model).matches()) {
            throw new InvalidRequestException(
                    "not a Gemini model name: '" + model + "'", ErrorDetails.of(name(), model));
        }
        String path = model.contains("/") ? model : "models/" + model;
        return URI.create(base + "/" + path + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent"));
    }

    @Override
    protected JsonNode body(ChatRequest request, String model, boolean stream) {
        return GeminiRequestEncoder.encode(request, name(), model);
    }

    @Override
    protected Map<String, String> headers(boolean stream) {
        return headers;
    }

    /** Built once: they never change between calls. */
    private Map<String, String> buildHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        if (apiKey != null) headers.put("x-goog-api-key", apiKey.reveal());
        return HttpCall.fixedHeaders(headers);
    }

    @Override
    protected ResponseDecoder newDecoder(EventSink sink) {
        return new GeminiDecoder(sink);
    }

    /** Reads Google's error envelope, plain or wrapped in an array, whatever the status (see {@link GeminiErrors}). */
    @Override
    public ProviderError classify(int status, HttpHeaders headers, String body) {
        return GeminiErrors.classify(status, body);
    }

    @Override
    public String toString() {
        return "GeminiAdapter[" + name() + ", " + base + ", apiKey=" + (apiKey == null ? "none" : "set") + "]";
    }
}
