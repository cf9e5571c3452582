package dev.llmring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmring.spi.ErrorKind;
import dev.llmring.spi.EventSink;
import dev.llmring.spi.HttpCall;
import dev.llmring.spi.ProviderAdapter;
import dev.llmring.spi.ProviderConfig;
import dev.llmring.spi.ProviderError;
import dev.llmring.spi.ProviderFactory;
import dev.llmring.spi.ProviderFailure;
import dev.llmring.spi.ResponseDecoder;
import dev.llmring.spi.WireFormat;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A tiny provider for core tests, speaking a made-up dialect.
 *
 * <p>Request: {@code POST {base}/{provider}/chat}, {@code Authorization: Bearer key}, body
 * {@code {"model": "...", "stream": bool, "input": "all message text", "format": "text", "schema_name": "...",
 * "media": ["url:https://…" or "image/png;base64,…", …]}}.
 *
 * <p>Answer (whole body, or one SSE {@code data:} / NDJSON line per object): {@code {"text": "..."}},
 * {@code {"reasoning": "..."}}, {@code {"tool": {"index": 0, "id": "c1", "name": "f", "args": "{..}"}}},
 * {@code {"usage": {"in": 3, "out": 5}}}, {@code {"finish": "stop"}}, {@code {"id": "req-body-1"}}; a whole body may
 * be an array of those. A stream ends with {@code [DONE]} (SSE) or {@code {"done": true}} (NDJSON). Errors:
 * {@code {"error": {"type": "rate_limited", "message": "...", "retry_after_ms": 10}}}, as a body or an SSE event
 * named {@code error}.
 */
final class TestProvider implements ProviderFactory {
    static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final WireFormat format;
    private final boolean requiresKey;
    private final boolean takesImageUrls;

    TestProvider(String name) {
        this(name, WireFormat.SSE, true);
    }

    TestProvider(String name, WireFormat format, boolean requiresKey) {
        this(name, format, requiresKey, false);
    }

    private TestProvider(String name, WireFormat format, boolean requiresKey, boolean takesImageUrls) {
        this.name = name;
        this.format = format;
        this.requiresKey = requiresKey;
        this.takesImageUrls = takesImageUrls;
    }

    /** A provider that downloads image URLs itself (documents it needs as bytes), like OpenAI's. */
    static TestProvider takingImageUrls(String name) {
        return new TestProvider(name, WireFormat.SSE, true, true);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> apiKeyEnvironmentVariables() {
        return List.of(name.toUpperCase(java.util.Locale.ROOT) + "_TEST_KEY");
    }

    @Override
    public ProviderAdapter create(ProviderConfig config) {
        URI base = config.baseUrl().orElse(URI.create("http://127.0.0.1:9"));
        return new Adapter(config, base);
    }

    final class Adapter implements ProviderAdapter {
        private final ProviderConfig config;
        private final URI base;

        Adapter(ProviderConfig config, URI base) {
            this.config = config;
            this.base = base;
        }

        @Override
        public String name() {
            return config.name();
        }

        @Override
        public boolean requiresApiKey() {
            return requiresKey;
        }

        @Override
        public boolean acceptsMediaUrls() {
            return takesImageUrls;
        }

        @Override
        public boolean acceptsMediaUrl(ContentPart part) {
            return takesImageUrls && part instanceof ContentPart.Image;
        }

        @Override
        public WireFormat streamFormat() {
            return format;
        }

        @Override
        public String requestIdHeader() {
            return "x-test-request-id";
        }

        @Override
        public HttpCall encode(ChatRequest request, String model, boolean stream) {
            if (Boolean.TRUE.equals(request.providerOptions(config.name()).get("refuse"))) {
                throw new InvalidRequestException(
                        config.name() + " cannot express this request", ErrorDetails.of(config.name(), model));
            }
            ObjectNode body = JSON.createObjectNode().put("model", model).put("stream", stream);
            StringBuilder input = new StringBuilder();
            request.messages().forEach(m -> input.append(m.text()));
            body.put("input", input.toString());
            body.put("format", request.responseFormat().type());
            request.responseFormat().name().ifPresent(n -> body.put("schema_name", n));
            com.fasterxml.jackson.databind.node.ArrayNode media = body.putArray("media");
            request.messages().forEach(m -> m.content().forEach(p -> {
                ContentPart.Media md = p instanceof ContentPart.Image i
                        ? i.media()
                        : p instanceof ContentPart.Document d ? d.media() : null;
                if (md == null) return;
                if (md.isUrl() && !acceptsMediaUrl(p)) throw new IllegalStateException("URL media reached " + name);
                media.add(
                        md.isUrl()
                                ? "url:" + md.url().orElseThrow()
                                : md.mediaType().orElseThrow() + ";base64,"
                                        + md.base64().orElseThrow());
            }));
            Map<String, String> headers = new LinkedHashMap<>();
            config.apiKey().ifPresent(k -> headers.put("Authorization", "Bearer " + k.reveal()));
            try {
                return HttpCall.post(
                        URI.create(base + "/" + config.name() + "/chat"), headers, JSON.writeValueAsBytes(body));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public ResponseDecoder decoder(String model, EventSink sink) {
            return new Decoder(sink, format);
        }

        @Override
        public ProviderError classify(int status, HttpHeaders headers, String body) {
            JsonNode doc = parse(body);
            JsonNode error = (doc.isArray() ? doc.path(0) : doc).path("error");
            if (error.isMissingNode()) return ProviderError.of(ProviderError.kindForStatus(status), "HTTP " + status);
            return error(error, status);
        }
    }

    static ProviderError error(JsonNode error, int status) {
        String type = error.path("type").asText("");
        ErrorKind kind =
                switch (type) {
                    case "context_length" -> ErrorKind.CONTEXT_WINDOW_EXCEEDED;
                    case "rate_limited" -> ErrorKind.RATE_LIMITED;
                    case "overloaded" -> ErrorKind.OVERLOADED;
                    case "model_not_found" -> ErrorKind.MODEL_NOT_FOUND;
                    case "invalid" -> ErrorKind.INVALID_REQUEST;
                    default -> ProviderError.kindForStatus(status);
                };
        ProviderError e =
                ProviderError.of(kind, error.path("message").asText("error")).withProviderCode(type);
        if (error.has("retry_after_ms"))
            e = e.withRetryAfter(Duration.ofMillis(error.get("retry_after_ms").asLong()));
        return e;
    }

    static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw ProviderFailure.malformed("not JSON", e);
        }
    }

    /** Decodes bodies and frames of the test dialect. */
    static final class Decoder implements ResponseDecoder {
        private final EventSink sink;
        private final WireFormat format;
        private boolean done;

        Decoder(EventSink sink, WireFormat format) {
            this.sink = sink;
            this.format = format;
        }

        @Override
        public void decodeBody(byte[] body) {
            JsonNode node = parse(new String(body, StandardCharsets.UTF_8));
            if (node.isArray()) {
                node.forEach(this::object);
            } else {
                object(node);
            }
        }

        @Override
        public void onFrame(@Nullable String event, String data) {
            if (format == WireFormat.SSE && data.equals("[DONE]")) {
                done = true;
                return;
            }
            JsonNode node = parse(data);
            if ("error".equals(event)) throw new ProviderFailure(error(node.path("error"), 200));
            if (node.path("done").asBoolean(false)) {
                done = true;
                return;
            }
            object(node);
        }

        @Override
        public void onEnd() {
            if (!done) throw ProviderFailure.malformed("the stream ended before its end marker", null);
        }

        private void object(JsonNode n) {
            if (n.has("error")) throw new ProviderFailure(error(n.get("error"), 200));
            if (n.has("id")) sink.requestId(n.get("id").asText());
            if (n.has("reasoning"))
                sink.emit(new StreamEvent.ReasoningDelta(n.get("reasoning").asText()));
            if (n.has("text")) sink.emit(new StreamEvent.TextDelta(n.get("text").asText()));
            if (n.has("tool")) {
                JsonNode t = n.get("tool");
                int index = t.path("index").asInt();
                sink.emit(new StreamEvent.ToolCallStart(
                        index, t.path("id").asText(), t.path("name").asText()));
                sink.emit(new StreamEvent.ToolCallDelta(index, t.path("args").asText()));
                sink.emit(new StreamEvent.ToolCallComplete(
                        index,
                        new ToolCall(
                                t.path("id").asText(),
                                t.path("name").asText(),
                                t.path("args").asText())));
            }
            if (n.has("usage")) {
                JsonNode u = n.get("usage");
                sink.emit(new StreamEvent.UsageReport(Usage.builder()
                        .inputTokens(u.path("in").asLong())
                        .outputTokens(u.path("out").asLong())
                        .build()));
            }
            if (n.has("finish"))
                sink.emit(new StreamEvent.Finish(
                        FinishReason.of(FinishReason.STOP, n.get("finish").asText())));
            if (n.has("bogus")) throw new IllegalStateException("decoder bug");
        }
    }
}
