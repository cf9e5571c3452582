package dev.llmring.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmring.ChatRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Anthropic Message Batches: create ({@code POST /v1/messages/batches}), poll ({@code GET /v1/messages/batches/{id}},
 * {@code processing_status} {@code in_progress}, {@code canceling}, {@code ended}) and read the JSONL at {@code
 * results_url}. A line's OpenAI body is encoded as Messages params for text conversations (system, user and assistant
 * messages, {@code max_tokens}, {@code temperature}, {@code stop}); a line with tools, images or a response format is
 * refused as invalid for this mode. Results are decoded into OpenAI {@code chat.completion} shape.
 */
final class AnthropicBatchApi implements BatchApi {
    /** Anthropic's rule for a batch request's {@code custom_id}. */
    private static final Pattern CUSTOM_ID = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    /** {@code max_tokens} when the line sets none (Anthropic requires one). */
    static final int DEFAULT_MAX_TOKENS = 4096;

    private final BatchHttp http;

    AnthropicBatchApi(HttpClient http, URI baseUrl, String apiKey) {
        this.http = new BatchHttp(
                http, "anthropic", baseUrl, Map.of("x-api-key", apiKey, "anthropic-version", "2023-06-01"));
    }

    @Override
    public int maxRequests() {
        return 100_000;
    }

    @Override
    public long maxBytes() {
        return 256L * 1024 * 1024 - 1024; // room for the {"requests":[...]} wrapper
    }

    @Override
    public String request(String customId, ChatRequest chat, JsonNode body, String model) {
        if (!CUSTOM_ID.matcher(customId).matches()) {
            throw refused("custom_id '" + customId + "' is not 1 to 64 letters, digits, '_' or '-' as Anthropic needs");
        }
        for (String field : List.of("tools", "tool_choice", "response_format")) {
            if (body.has(field) && !body.get(field).isNull()) throw refused("'" + field + "' is not supported");
        }
        ObjectNode params = Jsons.MAPPER.createObjectNode();
        params.put("model", model);
        JsonNode max = body.has("max_completion_tokens") ? body.get("max_completion_tokens") : body.get("max_tokens");
        params.put("max_tokens", max != null && max.canConvertToInt() ? max.asInt() : DEFAULT_MAX_TOKENS);
        StringBuilder system = new StringBuilder();
        ArrayNode messages = params.putArray("messages");
        int i = 0;
        for (JsonNode m : body.path("messages")) {
            String role = m.path("role").asText();
            if (m.has("tool_calls")) throw refused("messages[" + i + "] has tool_calls");
            String text = text(m.path("content"), i);
            switch (role) {
                case "system", "developer" ->
                    system.append(system.length() > 0 ? "\n\n" : "").append(text);
                case "user", "assistant" ->
                    messages.addObject().put("role", role).put("content", text);
                default -> throw refused("messages[" + i + "] has role '" + role + "'");
            }
            i++;
        }
        if (system.length() > 0) params.put("system", system.toString());
        if (body.has("temperature")) params.set("temperature", body.get("temperature"));
        JsonNode stop = body.get("stop");
        if (stop != null && stop.isTextual()) params.putArray("stop_sequences").add(stop.asText());
        else if (stop != null && stop.isArray()) params.set("stop_sequences", stop);
        ObjectNode request = Jsons.MAPPER.createObjectNode();
        request.put("custom_id", customId);
        request.set("params", params);
        return request.toString();
    }

    private static String text(JsonNode content, int i) {
        if (content.isTextual()) return content.asText();
        StringBuilder out = new StringBuilder();
        for (JsonNode part : content) {
            if (!part.path("type").asText().equals("text")) {
                throw refused("messages[" + i + "] has a '" + part.path("type").asText() + "' part");
            }
            out.append(part.path("text").asText());
        }
        return out.toString();
    }

    private static BatchInputException refused(String why) {
        String message = "provider mode on anthropic takes text conversations only: " + why;
        return new BatchInputException(message, List.of(message));
    }

    @Override
    public String submit(String model, List<String> requests, long bytes) {
        HttpRequest request = http.request(URI.create(http.base() + "/v1/messages/batches"))
                .header("Content-Type", "application/json")
                .POST(commaSeparated(requests))
                .build();
        return http.json("POST /v1/messages/batches", request).path("id").asText();
    }

    /** The body {@code {"requests":[r1,r2,...]}}, encoded as it is sent. */
    private static HttpRequest.BodyPublisher commaSeparated(List<String> requests) {
        List<String> items = new java.util.AbstractList<>() {
            @Override
            public String get(int i) {
                return i == 0 ? requests.get(0) : "," + requests.get(i);
            }

            @Override
            public int size() {
                return requests.size();
            }
        };
        return BatchHttp.jsonl("{\"requests\":[", items, "]}"); // a newline between items is JSON whitespace
    }

    @Override
    public State state(String jobId) {
        JsonNode node = http.get("/v1/messages/batches/" + jobId);
        boolean ended = node.path("processing_status").asText().equals("ended");
        JsonNode counts = node.path("request_counts");
        String status = !ended
                ? node.path("processing_status").asText()
                : counts.path("expired").asLong() > 0
                        ? "expired"
                        : counts.path("canceled").asLong() > 0 ? "canceled" : "ended";
        JsonNode url = node.get("results_url");
        List<String> sources = url == null || url.isNull() ? List.of() : List.of(url.asText());
        Map<String, Long> byName = new LinkedHashMap<>();
        counts.fields()
                .forEachRemaining(e -> byName.put(e.getKey(), e.getValue().asLong()));
        return new State(status, ended, ended, sources, byName);
    }

    @Override
    public void results(String url, Consumer<JsonNode> each) {
        http.lines("GET results", http.request(URI.create(url)).GET().build(), each);
    }

    @Override
    public void cancel(String jobId) {
        http.post("/v1/messages/batches/" + jobId + "/cancel", "{}");
    }

    @Override
    public Outcome outcome(JsonNode node) {
        String id = node.path("custom_id").asText(null);
        JsonNode result = node.path("result");
        String type = result.path("type").asText();
        if (type.equals("succeeded")) return new Outcome(id, completion(result.path("message")), false, "", "", 200);
        if (type.equals("errored")) {
            JsonNode error = result.path("error").path("error");
            return new Outcome(
                    id,
                    null,
                    false,
                    error.path("type").asText("errored"),
                    error.path("message").asText(""),
                    0);
        }
        return new Outcome(id, null, true, type, "", 0); // canceled or expired: may be sent again
    }

    /** An Anthropic message as an OpenAI chat.completion: text, tool calls, finish reason and usage. */
    private static JsonNode completion(JsonNode message) {
        ObjectNode out = Jsons.MAPPER.createObjectNode();
        ObjectNode choice = out.putArray("choices").addObject();
        ObjectNode msg = choice.putObject("message");
        StringBuilder text = new StringBuilder();
        ArrayNode calls = Jsons.MAPPER.createArrayNode();
        for (JsonNode block : message.path("content")) {
            switch (block.path("type").asText()) {
                case "text" -> text.append(block.path("text").asText());
                case "tool_use" -> {
                    ObjectNode call = calls.addObject();
                    call.put("id", block.path("id").asText());
                    ObjectNode fn = call.putObject("function");
                    fn.put("name", block.path("name").asText());
                    fn.put("arguments", block.path("input").toString());
                }
                default -> {}
            }
        }
        msg.put("content", text.toString());
        if (!calls.isEmpty()) msg.set("tool_calls", calls);
        choice.put(
                "finish_reason",
                switch (message.path("stop_reason").asText()) {
                    case "end_turn", "stop_sequence" -> "stop";
                    case "max_tokens" -> "length";
                    case "tool_use" -> "tool_calls";
                    default -> "other";
                });
        JsonNode u = message.path("usage");
        ObjectNode usage = out.putObject("usage");
        long in = u.path("input_tokens").asLong();
        long output = u.path("output_tokens").asLong();
        usage.put("prompt_tokens", in);
        usage.put("completion_tokens", output);
        usage.put("total_tokens", in + output);
        return out;
    }
}
