package dev.llmring.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The OpenAI Batch API: upload a JSONL file ({@code POST /files}, purpose {@code batch}), create a batch ({@code POST
 * /batches}), read its state ({@code GET /batches/{id}}) and download its output and error files ({@code GET
 * /files/{id}/content}). The base URL includes the version ({@code https://api.openai.com/v1}). Errors name the call
 * and the HTTP status, never the key or the response body.
 */
final class OpenAiBatchApi {
    /** A batch's state: {@code status} as the provider spells it, and its result files once there are any. */
    record State(String status, @Nullable String outputFileId, @Nullable String errorFileId) {
        boolean terminal() {
            return switch (status) {
                case "completed", "failed", "expired", "cancelled" -> true;
                default -> false;
            };
        }
    }

    private final HttpClient http;
    private final String base;
    private final String apiKey;

    OpenAiBatchApi(HttpClient http, URI baseUrl, String apiKey) {
        this.http = http;
        String b = baseUrl.toString();
        this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
        this.apiKey = apiKey;
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

    /** The batch's current state. */
    State state(String batchId) {
        JsonNode node = json(
                "GET /batches/" + batchId, request("/batches/" + batchId).GET().build());
        return new State(node.path("status").asText(), text(node, "output_file_id"), text(node, "error_file_id"));
    }

    /** Cancels a batch; its finished results stay available. */
    void cancel(String batchId) {
        json(
                "POST /batches/" + batchId + "/cancel",
                request("/batches/" + batchId + "/cancel")
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build());
    }

    /** The content of a result file. */
    String content(String fileId) {
        return send(
                "GET /files/" + fileId + "/content",
                request("/files/" + fileId + "/content").GET().build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + apiKey);
    }

    private JsonNode json(String call, HttpRequest request) {
        String text = send(call, request);
        try {
            return Jsons.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new ProviderBatchException("openai batch: " + call + ": the response is not JSON");
        }
    }

    private String send(String call, HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ProviderBatchException(
                    "openai batch: " + call + ": " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderBatchException("openai batch: " + call + ": interrupted");
        }
        if (response.statusCode() / 100 != 2) {
            throw new ProviderBatchException("openai batch: " + call + ": HTTP " + response.statusCode());
        }
        return response.body();
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
