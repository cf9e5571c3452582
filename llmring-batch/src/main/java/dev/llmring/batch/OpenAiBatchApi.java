package dev.llmring.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmring.ChatRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The OpenAI Batch API: upload a JSONL file ({@code POST /files}, purpose {@code batch}), create a batch ({@code POST
 * /batches}), read its state ({@code GET /batches/{id}}) and download its output and error files ({@code GET
 * /files/{id}/content}). The base URL includes the version ({@code https://api.openai.com/v1}). Errors name the call
 * and the HTTP status, never the key or the response body.
 */
final class OpenAiBatchApi implements BatchApi {
    private final BatchHttp http;

    OpenAiBatchApi(HttpClient http, URI baseUrl, String apiKey) {
        this.http = new BatchHttp(http, "openai", baseUrl, Map.of("Authorization", "Bearer " + apiKey));
    }

    @Override
    public int maxRequests() {
        return 50_000;
    }

    @Override
    public long maxBytes() {
        return 200L * 1024 * 1024;
    }

    @Override
    public String request(String customId, ChatRequest chat, JsonNode openAiBody, String model) {
        ObjectNode body = openAiBody.deepCopy();
        body.put("model", model);
        ObjectNode request = Jsons.MAPPER.createObjectNode();
        request.put("custom_id", customId);
        request.put("method", "POST");
        request.put("url", "/v1/chat/completions");
        request.set("body", body);
        return request.toString();
    }

    @Override
    public String submit(String model, List<String> requests, long bytes) {
        return create(upload(requests));
    }

    @Override
    public State state(String jobId) {
        JsonNode node = http.get("/batches/" + jobId);
        String status = node.path("status").asText();
        boolean terminal =
                switch (status) {
                    case "completed", "failed", "expired", "cancelled" -> true;
                    default -> false;
                };
        List<String> sources = new ArrayList<>();
        for (String field : List.of("output_file_id", "error_file_id")) {
            JsonNode v = node.get(field);
            if (v != null && !v.isNull()) sources.add(v.asText());
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        node.path("request_counts")
                .fields()
                .forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
        return new State(status, terminal, status.equals("expired") || status.equals("cancelled"), sources, counts);
    }

    @Override
    public void results(String fileId, Consumer<JsonNode> each) {
        String path = "/files/" + fileId + "/content";
        http.lines(
                "GET " + path,
                http.request(URI.create(http.base() + path)).GET().build(),
                each);
    }

    @Override
    public void cancel(String jobId) {
        http.post("/batches/" + jobId + "/cancel", "{}");
    }

    @Override
    public Outcome outcome(JsonNode node) {
        String id = node.path("custom_id").asText(null);
        String code = node.path("error").path("code").asText("");
        if (code.equals("batch_expired") || code.equals("batch_cancelled")) {
            return new Outcome(id, null, true, code, "", 0);
        }
        JsonNode response = node.path("response");
        int status = response.path("status_code").asInt(0);
        JsonNode body = response.path("body");
        if (status == 200 && body.isObject()) return new Outcome(id, body, false, "", "", status);
        JsonNode error = body.has("error") ? body.path("error") : node.path("error");
        return new Outcome(
                id,
                null,
                false,
                error.path("type").asText(error.path("code").asText("batch_request_failed")),
                error.path("message").asText("the request failed"),
                status);
    }

    /** Uploads the requests as a batch input file (JSONL, streamed from the list); returns its file id. */
    String upload(List<String> requests) {
        String boundary = "llmring-" + UUID.randomUUID();
        String head = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"batch.jsonl\"\r\n"
                + "Content-Type: application/jsonl\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        HttpRequest request = http.request(URI.create(http.base() + "/files"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(BatchHttp.jsonl(head, requests, tail))
                .build();
        return http.json("POST /files", request).path("id").asText();
    }

    /** Creates a batch of chat completions over an uploaded file; returns the batch id. */
    String create(String inputFileId) {
        ObjectNode body = Jsons.MAPPER.createObjectNode();
        body.put("input_file_id", inputFileId);
        body.put("endpoint", "/v1/chat/completions");
        body.put("completion_window", "24h");
        return http.post("/batches", body.toString()).path("id").asText();
    }
}
