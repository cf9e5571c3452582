package dev.llmring.batch;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * The HTTP calls of a batch API: any status but 2xx, an I/O failure or a body that is not JSON becomes a {@link
 * ProviderBatchException} naming the provider, the call and the status, never the key or the response body.
 */
final class BatchHttp {
    private final HttpClient http;
    private final String provider;

    BatchHttp(HttpClient http, String provider) {
        this.http = http;
        this.provider = provider;
    }

    JsonNode json(String call, HttpRequest request) {
        String text = send(call, request);
        try {
            return Jsons.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new ProviderBatchException(provider + " batch: " + call + ": the response is not JSON");
        }
    }

    String send(String call, HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ProviderBatchException(
                    provider + " batch: " + call + ": " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderBatchException(provider + " batch: " + call + ": interrupted");
        }
        if (response.statusCode() / 100 != 2) {
            throw new ProviderBatchException(provider + " batch: " + call + ": HTTP " + response.statusCode());
        }
        return response.body();
    }
}
