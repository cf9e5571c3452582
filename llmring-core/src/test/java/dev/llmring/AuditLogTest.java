package dev.llmring;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The audit log writes one JSON object per call through SLF4J (read back here from slf4j-simple's output, which goes
 * to {@code System.err}), with the documented fields and nothing of the key, the prompt or the answer.
 */
class AuditLogTest extends WireMockSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = new TreeSet<>(List.of(
            "timestamp",
            "call_id",
            "alias",
            "profile",
            "tag",
            "streaming",
            "outcome",
            "provider",
            "model",
            "error_type",
            "http_status",
            "duration_ms",
            "time_to_first_token_ms",
            "input_tokens",
            "output_tokens",
            "cached_input_tokens",
            "cache_write_tokens",
            "reasoning_tokens",
            "cost_usd",
            "cost_status",
            "request_id",
            "attempts",
            "lockfile_digest"));

    private static final String PROMPT = "What is the secret word?";
    private static final String ANSWER = "The word is " + KEY + ".";

    /** The audit lines written while {@code calls} ran, each parsed. */
    private static List<JsonNode> audit(Runnable calls) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            calls.run();
        } finally {
            System.setErr(original);
        }
        String marker = " " + AuditLog.LOGGER + " - ";
        return captured.toString(StandardCharsets.UTF_8)
                .lines()
                .filter(l -> l.contains(marker))
                .map(l -> {
                    String json = l.substring(l.indexOf(marker) + marker.length());
                    assertFalse(json.contains("\n"), "one line per call");
                    try {
                        return JSON.readTree(json);
                    } catch (JsonProcessingException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .toList();
    }

    private LlmRing ring(AuditLog log) {
        return ring().retryPolicy(RetryPolicy.none()).listener(log).build();
    }

    private static ChatRequest request(String model, String tag) {
        return ChatRequest.builder(model).user(PROMPT).tag(tag).build();
    }

    private static Set<String> fields(JsonNode line) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = line.fieldNames(); it.hasNext(); ) names.add(it.next());
        return names;
    }

    @Test
    void aServedCallIsOneJsonLineWithEveryField() {
        server.stubFor(post("/b/chat").willReturn(answer("ok")));
        server.stubFor(post("/a/chat").willReturn(aResponse().withStatus(503)));
        aliases.bind("summarizer", "a:m1", "b:m2");
        List<JsonNode> lines = audit(() -> {
            try (LlmRing ring = ring(AuditLog.create(time))) {
                ring.chat(request("summarizer", "billing"));
            }
        });
        assertEquals(1, lines.size());
        JsonNode line = lines.get(0);
        assertEquals(FIELDS, fields(line));
        assertEquals(time.instant(), Instant.parse(line.get("timestamp").asText()));
        assertEquals("summarizer", line.get("alias").asText());
        assertEquals("test", line.get("profile").asText()); // the MapResolver's profile
        assertEquals("billing", line.get("tag").asText());
        assertFalse(line.get("streaming").asBoolean());
        assertEquals("success", line.get("outcome").asText());
        assertEquals("b", line.get("provider").asText());
        assertEquals("m2", line.get("model").asText());
        assertTrue(line.get("error_type").isNull());
        assertTrue(line.get("duration_ms").isIntegralNumber());
        assertTrue(line.get("time_to_first_token_ms").isNull());
        assertEquals(3, line.get("input_tokens").asLong());
        assertEquals(5, line.get("output_tokens").asLong());
        assertEquals(0, line.get("cached_input_tokens").asLong());
        assertTrue(line.get("cost_usd").isNull(), "no registry, no cost");
        assertEquals("req-ok", line.get("request_id").asText());
        assertEquals(2, line.get("attempts").asInt(), "a failed try of a:m1, then b:m2");
    }

    @Test
    void aFailedCallNamesTheErrorTypeAndTheBindingTriedLast() {
        server.stubFor(post("/a/chat").willReturn(error(503, "overloaded")));
        server.stubFor(post("/b/chat").willReturn(error(429, "rate_limit")));
        aliases.bind("summarizer", "a:m1", "b:m2");
        List<JsonNode> lines = audit(() -> {
            try (LlmRing ring = ring(AuditLog.create(time))) {
                assertThrows(LlmRingException.class, () -> ring.chat(request("summarizer", "billing")));
            }
        });
        JsonNode line = lines.get(0);
        assertEquals(FIELDS, fields(line));
        assertEquals("error", line.get("outcome").asText());
        assertEquals("RateLimitException", line.get("error_type").asText());
        assertEquals(429, line.get("http_status").asInt());
        assertEquals("b", line.get("provider").asText());
        assertEquals("m2", line.get("model").asText());
        assertEquals(2, line.get("attempts").asInt());
        assertTrue(line.get("input_tokens").isNull());
    }

    @Test
    void aStreamRecordsItsTimeToFirstToken() {
        server.stubFor(post("/a/chat")
                .willReturn(sseAnswer(
                        sse("{\"text\":\"Hi\"}", "{\"usage\":{\"in\":1,\"out\":1}}", "{\"finish\":\"stop\"}"))));
        List<JsonNode> lines = audit(() -> {
            try (LlmRing ring = ring(AuditLog.create(time));
                    ChatStream stream = ring.stream(request("a:m1", "chat-ui"))) {
                stream.response();
            }
        });
        JsonNode line = lines.get(0);
        assertTrue(line.get("streaming").asBoolean());
        assertEquals("success", line.get("outcome").asText());
        assertTrue(line.get("time_to_first_token_ms").isIntegralNumber(), line.toString());
    }

    @Test
    void aStreamClosedEarlyIsRecordedAsCancelled() {
        server.stubFor(post("/a/chat")
                .willReturn(sseAnswer(sse(
                        "{\"text\":\"Hi\"}",
                        "{\"text\":\" there\"}",
                        "{\"usage\":{\"in\":1,\"out\":2}}",
                        "{\"finish\":\"stop\"}"))));
        List<JsonNode> lines = audit(() -> {
            try (LlmRing ring = ring(AuditLog.create(time));
                    ChatStream stream = ring.stream(request("a:m1", "chat-ui"))) {
                stream.iterator().next();
            }
        });
        JsonNode line = lines.get(0);
        assertEquals(FIELDS, fields(line));
        assertEquals("cancelled", line.get("outcome").asText());
        assertTrue(line.get("time_to_first_token_ms").isIntegralNumber(), line.toString());
    }

    @Test
    void theLineHoldsNoKeyPromptOrAnswer() {
        server.stubFor(post("/a/chat")
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("x-test-request-id", "req-" + KEY)
                        .withBody("[{\"text\":\"" + ANSWER
                                + "\"},{\"usage\":{\"in\":3,\"out\":5}},{\"finish\":\"stop\"}]")));
        server.stubFor(post("/b/chat").willReturn(error(400, "invalid " + KEY + " " + PROMPT)));
        List<JsonNode> lines = audit(() -> {
            try (LlmRing ring = ring(AuditLog.create(time))) {
                assertEquals(ANSWER, ring.chat(request("a:m1", "t")).text());
                assertThrows(InvalidRequestException.class, () -> ring.chat(request("b:m2", "t")));
            }
        });
        assertEquals(2, lines.size());
        for (JsonNode line : lines) {
            String text = line.toString();
            assertFalse(text.contains(KEY), text);
            assertFalse(text.contains(PROMPT), text);
            assertFalse(text.contains("The word is"), text);
        }
        assertEquals("req-<redacted>", lines.get(0).get("request_id").asText());
    }
}
