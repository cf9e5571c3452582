package dev.llmring.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmring.ChatRequest;
import dev.llmring.spi.EventSink;
import dev.llmring.spi.HttpCall;
import dev.llmring.spi.ProviderAdapter;
import dev.llmring.spi.ProviderError;
import dev.llmring.spi.ResponseDecoder;
import dev.llmring.spi.WireFormat;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An ordinary adapter whose provider is the loopback {@link ScriptServer}: requests go out through the core's
 * transport like any other provider's, so retries, timeouts, Retry-After and failover all run for real.
 */
final class ScriptedAdapter implements ProviderAdapter {
    private final String name;
    private final ScriptSession session;

    ScriptedAdapter(String name, ScriptSession session) {
        this.name = name;
        this.session = session;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean requiresApiKey() {
        return false;
    }

    /** Media URLs are passed along (and ignored), never fetched. */
    @Override
    public boolean acceptsMediaUrls() {
        return true;
    }

    @Override
    public WireFormat streamFormat() {
        return WireFormat.SSE;
    }

    @Override
    public String requestIdHeader() {
        return "x-request-id";
    }

    @Override
    public HttpCall encode(ChatRequest request, String model, boolean stream) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", stream ? "text/event-stream" : "application/json");
        return HttpCall.post(
                ScriptServer.shared().uri(session, model), headers, ScriptWire.encode(request, model, stream));
    }

    @Override
    public ResponseDecoder decoder(String model, EventSink sink) {
        return new ScriptedDecoder(sink);
    }

    @Override
    public ProviderError classify(int status, HttpHeaders headers, String body) {
        ProviderError byStatus = ProviderError.of(ProviderError.kindForStatus(status), "HTTP " + status);
        try {
            JsonNode error = ScriptFiles.JSON.readTree(body).path("error");
            return error.isObject() ? ScriptedDecoder.error(error, byStatus.kind()) : byStatus;
        } catch (IOException | RuntimeException e) {
            return byStatus;
        }
    }

    @Override
    public String toString() {
        return "ScriptedAdapter[" + name + "]";
    }
}
