package dev.llmring.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * The baseline: what an application would write by hand with the JDK HttpClient and Jackson. One shared client
 * (HTTP/1.1 pinned, as any sensible hand-written client for an {@code http://} endpoint would, and as the fake server
 * speaks over TLS too; default executor; for {@code https}, an {@code SSLContext} trusting the server's certificate),
 * one shared mapper; the body is built as a Jackson tree and written as bytes; the answer is read whole and parsed as a
 * tree; a stream is read line by line through a {@code BufferedReader} and each {@code data:} line parsed as it
 * comes, to the end of the body (so that the connection goes back to the pool).
 */
final class RawClient implements BenchClient {
    private final HttpClient http;
    private final ObjectMapper mapper = new ObjectMapper();
    private final URI endpoint;

    /** {@code tls}: the context that trusts an {@code https} server's certificate (null for {@code http}). */
    RawClient(URI baseUrl, @Nullable SSLContext tls) {
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
        if (tls != null) b.sslContext(tls);
        this.http = b.build();
        this.endpoint = URI.create(baseUrl + "/chat/completions");
    }

    /** Exchanges retried after an IOException (see {@link #send}). */
    private final AtomicLong retries = new AtomicLong();

    long retries() {
        return retries.get();
    }

    /**
     * Sends once more after an {@code IOException}, as any real client would (llmring's router retries too). Under
     * 64 threads the JDK 17 client now and then fails an exchange on a pooled connection with "HTTP/1.1 header parser
     * received no bytes" / "connection closed locally": its pool's idle-connection watcher closed a connection that
     * had just been taken for a new request.
     */
    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            retries.incrementAndGet();
            return http.send(request, handler);
        }
    }

    @Override
    public Answer chat() throws IOException, InterruptedException {
        HttpResponse<byte[]> response = send(request(false), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) throw new IOException("HTTP " + response.statusCode());
        JsonNode root = mapper.readTree(response.body());
        JsonNode usage = root.path("usage");
        return new Answer(
                root.path("choices").path(0).path("message").path("content").asText(),
                usage.path("prompt_tokens").asLong(),
                usage.path("completion_tokens").asLong());
    }

    @Override
    public Answer stream() throws IOException, InterruptedException {
        HttpResponse<InputStream> response = send(request(true), HttpResponse.BodyHandlers.ofInputStream());
        StringBuilder text = new StringBuilder();
        long input = 0;
        long output = 0;
        boolean done = false;
        InputStreamReader reader = new InputStreamReader(response.body(), StandardCharsets.UTF_8);
        try (BufferedReader lines = new BufferedReader(reader)) {
            if (response.statusCode() != 200) throw new IOException("HTTP " + response.statusCode());
            String line;
            while ((line = lines.readLine()) != null) {
                if (done || !line.startsWith("data:")) continue;
                String data = line.substring(line.startsWith("data: ") ? 6 : 5);
                if (data.equals("[DONE]")) {
                    done = true;
                    continue;
                }
                JsonNode chunk = mapper.readTree(data);
                JsonNode choices = chunk.path("choices");
                if (choices.size() > 0) {
                    JsonNode content = choices.get(0).path("delta").get("content");
                    if (content != null && content.isTextual()) text.append(content.textValue());
                }
                JsonNode usage = chunk.get("usage");
                if (usage != null && usage.isObject()) {
                    input = usage.path("prompt_tokens").asLong();
                    output = usage.path("completion_tokens").asLong();
                }
            }
        }
        if (!done) throw new IOException("stream ended before [DONE]");
        return new Answer(text.toString(), input, output);
    }

    private HttpRequest request(boolean stream) throws IOException {
        ObjectNode body = mapper.createObjectNode();
        body.put("model", "gpt-4o-mini");
        var messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", SYSTEM);
        messages.addObject().put("role", "user").put("content", USER);
        body.put("temperature", TEMPERATURE);
        body.put("max_tokens", MAX_TOKENS);
        if (stream) {
            body.put("stream", true);
            body.putObject("stream_options").put("include_usage", true);
        }
        return HttpRequest.newBuilder(endpoint)
                .header("Authorization", "Bearer test-key-123")
                .header("Content-Type", "application/json")
                .header("Accept", stream ? "text/event-stream" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body)))
                .build();
    }

    @Override
    public void close() {
        // the JDK 17 HttpClient has no close(); its threads are daemons and it is collected with this client
    }
}
