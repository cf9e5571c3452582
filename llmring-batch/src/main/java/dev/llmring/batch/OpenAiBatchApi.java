package dev.llmring.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The OpenAI Batch API: upload a JSONL file ({@code POST /files}, purpose {@code batch}), create a batch ({@code POST
 * /batches}), read its state ({@code GET /batches/{id}}) and download its output and error files ({@code GET
 * /files/{id}/content}). The base URL includes the version ({@code https://api.openai.com/v1}). Errors name the call
 * and the HTTP status, never the key or the response body.
 */
final class OpenAiBatchApi implements BatchApi {
    private final BatchHttp http;
    private final String base;
    private final String apiKey;

    OpenAiBatchApi(HttpClient http, URI baseUrl, String apiKey) {
        this.http = new BatchHttp(http, "openai");
        String b = baseUrl.toString();
        this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
        this.apiKey = apiKey;
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
    public String request(String customId, JsonNode openAiBody, String model) {
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
    public String submit(List<String> requests, long bytes) {
        return create(upload(String.join("\n", requests) + "\n"));
    }

    @Override
    public State state(String jobId) {
        JsonNode node =
                json("GET /batches/" + jobId, request("/batches/" + jobId).GET().build());
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
        return new State(status, terminal, status.equals("expired") || status.equals("cancelled"), sources);
    }

    @Override
    public String results(String fileId) {
        return send(
                "GET /files/" + fileId + "/content",
                request("/files/" + fileId + "/content").GET().build());
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

    /** Uploads {@code jsonl} as a batch input file; returns its file id. */
    String upload(String jsonl) {
        String boundary = "llmring-" + UUID.randomUUID();
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"batch.jsonl\"\r\n"
                + "Content-Type: application/jsonl\r\n\r\n"
                + jsonl + "\r\n--" + boundary + "--\r\n";
        HttpRequest request = request("/files")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return json("POST /files", request).path("id").asText();
    }

    /** Creates a batch of chat completions over an uploaded file; returns the batch id. */
    String create(String inputFileId) {
        ObjectNode body = Jsons.MAPPER.createObjectNode();
        body.put("input_file_id", inputFileId);
        body.put("endpoint", "/v1/chat/completions");
        body.put("completion_window", "24h");
        HttpRequest request = request("/batches")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                .build();
        return json("POST /batches", request).path("id").asText();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + apiKey);
    }

    private JsonNode json(String call, HttpRequest request) {
        return http.json(call, request);
    }

    private String send(String call, HttpRequest request) {
        return http.send(call, request);
    }
}
