package dev.llmring.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmring.ChatRequest;
import dev.llmring.LlmRingException;
import dev.llmring.spi.ProviderAdapter;
import dev.llmring.spi.ProviderConfig;
import dev.llmring.spi.ProviderFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * Gemini batch mode (Gemini Developer API): {@code POST models/{model}:batchGenerateContent} with the requests inline
 * (under 20 MB) or as a JSONL file uploaded through the Files API (resumable upload to {@code upload/v1beta/files}),
 * the long-running {@code batches/{id}} polled until its {@code metadata.state} is {@code BATCH_STATE_SUCCEEDED},
 * {@code _FAILED}, {@code _CANCELLED} or {@code _EXPIRED}, then its results read: inline ({@code inlinedResponses},
 * in request order, each with the request's {@code metadata.key}) or the JSONL {@code responsesFile} ({@code
 * download/v1beta/{file}:download?alt=media}, lines {@code {"key", "response"|"error"}}). Each request is the Gemini
 * adapter's own {@code generateContent} body, found through {@link ProviderFactory} (provider {@code google}). The key
 * goes in the {@code x-goog-api-key} header, never the query.
 */
final class GeminiBatchApi implements BatchApi {
    /** Inline requests must keep the whole create call under 20 MB; a little is left for the wrapper. */
    static final long INLINE_BYTES = 20L * 1024 * 1024 - 64 * 1024;

    private final BatchHttp http;
    private final ProviderAdapter encoder;
    private final long inlineBytes;

    GeminiBatchApi(HttpClient http, URI baseUrl, String apiKey, long inlineBytes) {
        this.inlineBytes = inlineBytes;
        this.http = new BatchHttp(http, "google", baseUrl, Map.of("x-goog-api-key", apiKey));
        this.encoder = encoder(baseUrl);
    }

    private static ProviderAdapter encoder(URI baseUrl) {
        for (ProviderFactory f : ServiceLoader.load(ProviderFactory.class, GeminiBatchApi.class.getClassLoader())) {
            if (f.name().equals("google")) {
                return f.create(
                        ProviderConfig.builder("google").baseUrl(baseUrl).build());
            }
        }
        throw new ProviderBatchException(
                "provider batch mode: no 'google' provider adapter is on the path (llmring-providers) to encode requests");
    }

    @Override
    public int maxRequests() {
        return Integer.MAX_VALUE; // Google documents no request count per job, only the 2 GB input file
    }

    @Override
    public long maxBytes() {
        return 2L * 1024 * 1024 * 1024 - 1024;
    }

    @Override
    public String request(String customId, ChatRequest chat, JsonNode openAiBody, String model) {
        byte[] body;
        try {
            body = encoder.encode(chat, model, false).body();
        } catch (LlmRingException | IllegalArgumentException e) {
            String message = "provider mode on google: " + e.getMessage();
            throw new BatchInputException(message, List.of(message));
        }
        ObjectNode line = Jsons.MAPPER.createObjectNode();
        line.put("key", customId);
        try {
            line.set("request", Jsons.MAPPER.readTree(body));
        } catch (IOException e) {
            throw new ProviderBatchException("google batch: the adapter's request is not JSON");
        }
        return line.toString();
    }

    @Override
    public String submit(String model, List<String> requests, long bytes) {
        ObjectNode batch = Jsons.MAPPER.createObjectNode();
        ObjectNode inner = batch.putObject("batch");
        inner.put("displayName", "llmring-batch");
        ObjectNode input = inner.putObject("inputConfig");
        if (bytes <= inlineBytes) {
            ArrayNode list = input.putObject("requests").putArray("requests");
            for (String r : requests) {
                JsonNode line = read(r);
                ObjectNode item = list.addObject();
                item.set("request", line.path("request"));
                item.putObject("metadata").put("key", line.path("key").asText());
            }
        } else {
            input.put("fileName", upload(requests, bytes));
        }
        String path = "/" + modelPath(model) + ":batchGenerateContent";
        return http.post(path, batch.toString()).path("name").asText();
    }

    private static String modelPath(String model) {
        return model.contains("/") ? model : "models/" + model;
    }

    /** The Files API's resumable upload: a start call that returns the upload URL, then the bytes in one call. */
    private String upload(List<String> requests, long bytes) {
        URI root = URI.create(http.base());
        String version = root.getRawPath() == null ? "" : root.getRawPath();
        String origin = root.getScheme() + "://" + root.getRawAuthority();
        HttpRequest start = http.request(URI.create(origin + "/upload" + version + "/files"))
                .header("Content-Type", "application/json")
                .header("X-Goog-Upload-Protocol", "resumable")
                .header("X-Goog-Upload-Command", "start")
                .header("X-Goog-Upload-Header-Content-Length", Long.toString(bytes))
                .header("X-Goog-Upload-Header-Content-Type", "application/jsonl")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"file\":{\"displayName\":\"llmring-batch\"}}", StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> started = http.exchange("POST upload/files (start)", start);
        String url = started.headers().firstValue("x-goog-upload-url").orElse(null);
        if (url == null) throw new ProviderBatchException("google batch: the upload start returned no upload URL");
        HttpRequest upload = http.request(URI.create(url))
                .header("X-Goog-Upload-Offset", "0")
                .header("X-Goog-Upload-Command", "upload, finalize")
                .POST(BatchHttp.jsonl("", requests, ""))
                .build();
        String name = http.json("POST upload/files (upload)", upload)
                .path("file")
                .path("name")
                .asText("");
        if (name.isEmpty()) throw new ProviderBatchException("google batch: the upload returned no file name");
        return name;
    }

    @Override
    public State state(String jobId) {
        JsonNode node = http.get("/" + jobId);
        JsonNode meta = node.path("metadata");
        String state = meta.path("state").asText("BATCH_STATE_UNSPECIFIED");
        boolean terminal =
                switch (state) {
                    case "BATCH_STATE_SUCCEEDED",
                            "BATCH_STATE_FAILED",
                            "BATCH_STATE_CANCELLED",
                            "BATCH_STATE_EXPIRED" -> true;
                    default -> false;
                };
        boolean retryable = state.equals("BATCH_STATE_CANCELLED") || state.equals("BATCH_STATE_EXPIRED");
        JsonNode output = meta.has("output") ? meta.path("output") : node.path("response");
        List<String> sources = new ArrayList<>();
        String file = output.path("responsesFile").asText("");
        if (!file.isEmpty()) sources.add(file);
        List<JsonNode> inline = new ArrayList<>();
        output.path("inlinedResponses").path("inlinedResponses").forEach(inline::add);
        Map<String, Long> counts = new LinkedHashMap<>();
        meta.path("batchStats")
                .fields()
                .forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
        String status = state.startsWith("BATCH_STATE_")
                ? state.substring("BATCH_STATE_".length()).toLowerCase(Locale.ROOT)
                : state.toLowerCase(Locale.ROOT);
        return new State(status, terminal, retryable, sources, inline, counts);
    }

    @Override
    public void results(String fileName, Consumer<JsonNode> each) {
        URI root = URI.create(http.base());
        String version = root.getRawPath() == null ? "" : root.getRawPath();
        String origin = root.getScheme() + "://" + root.getRawAuthority();
        URI uri = URI.create(origin + "/download" + version + "/" + fileName + ":download?alt=media");
        http.lines("GET " + fileName + ":download", http.request(uri).GET().build(), each);
    }

    @Override
    public void cancel(String jobId) {
        http.post("/" + jobId + ":cancel", "{}");
    }

    @Override
    public Outcome outcome(JsonNode node) {
        String id = node.hasNonNull("key")
                ? node.path("key").asText()
                : node.path("metadata").path("key").asText(null);
        JsonNode error = node.path("error");
        if (error.isObject()) {
            return new Outcome(
                    id,
                    null,
                    false,
                    error.path("status").asText("error").toLowerCase(Locale.ROOT),
                    error.path("message").asText("the request failed"),
                    error.path("code").asInt(0));
        }
        JsonNode response = node.path("response");
        if (!response.isObject()) return new Outcome(id, null, true, "missing", "", 0);
        return new Outcome(id, completion(response), false, "", "", 200);
    }

    /** A {@code GenerateContentResponse} as an OpenAI chat.completion: text, function calls, finish reason, usage. */
    static JsonNode completion(JsonNode response) {
        ObjectNode out = Jsons.MAPPER.createObjectNode();
        ObjectNode choice = out.putArray("choices").addObject();
        ObjectNode msg = choice.putObject("message");
        JsonNode candidate = response.path("candidates").path(0);
        StringBuilder text = new StringBuilder();
        ArrayNode calls = Jsons.MAPPER.createArrayNode();
        for (JsonNode part : candidate.path("content").path("parts")) {
            if (part.path("thought").asBoolean(false)) continue;
            if (part.has("text")) text.append(part.path("text").asText());
            JsonNode fc = part.path("functionCall");
            if (fc.isObject()) {
                ObjectNode call = calls.addObject();
                call.put("id", fc.path("id").asText("call_" + calls.size()));
                ObjectNode fn = call.putObject("function");
                fn.put("name", fc.path("name").asText());
                fn.put(
                        "arguments",
                        fc.path("args").isMissingNode() ? "{}" : fc.path("args").toString());
            }
        }
        msg.put("content", text.toString());
        if (!calls.isEmpty()) msg.set("tool_calls", calls);
        String finish = candidate.path("finishReason").asText("");
        choice.put(
                "finish_reason",
                switch (finish) {
                    case "STOP" -> calls.isEmpty() ? "stop" : "tool_calls";
                    case "MAX_TOKENS" -> "length";
                    case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY" ->
                        "content_filter";
                    default -> response.path("promptFeedback").has("blockReason") ? "content_filter" : "other";
                });
        JsonNode u = response.path("usageMetadata");
        long in = u.path("promptTokenCount").asLong(0);
        long thoughts = u.path("thoughtsTokenCount").asLong(0);
        long output = u.path("candidatesTokenCount").asLong(0) + thoughts; // candidates exclude thoughts
        ObjectNode usage = out.putObject("usage");
        usage.put("prompt_tokens", in);
        usage.put("completion_tokens", output);
        usage.put("total_tokens", in + output);
        long cached = u.path("cachedContentTokenCount").asLong(0);
        if (cached > 0) usage.putObject("prompt_tokens_details").put("cached_tokens", cached);
        if (thoughts > 0) usage.putObject("completion_tokens_details").put("reasoning_tokens", thoughts);
        return out;
    }

    private static JsonNode read(String json) {
        try {
            return Jsons.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new ProviderBatchException("google batch: a request is not JSON");
        }
    }
}
