package dev.llmring;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Streamed calls: framing, assembly, and what may still be retried before content and not after. */
class StreamTest extends WireMockSupport {
    private static final String HELLO =
            sse("{\"text\":\"Hel\"}", "{\"text\":\"lo\"}", "{\"usage\":{\"in\":3,\"out\":5}}", "{\"finish\":\"stop\"}");

    private static String text(ChatStream stream) {
        StringBuilder sb = new StringBuilder();
        for (StreamEvent e : stream) {
            if (e instanceof StreamEvent.TextDelta d) sb.append(d.text());
        }
        return sb.toString();
    }

    private LlmRing oneAttemptRing() {
        return ring().retryPolicy(RetryPolicy.none()).build();
    }

    @Test
    void streamsEventsInOrderAndAssemblesTheResponse() {
        server.stubFor(post("/a/chat").willReturn(sseAnswer(HELLO).withHeader("x-test-request-id", "req-s")));
        try (LlmRing ring = ring().build();
                ChatStream stream = ring.stream(request("a:m1"))) {
            List<StreamEvent> events = new ArrayList<>();
            stream.forEach(events::add);
            assertEquals(
                    List.of(
                            new StreamEvent.TextDelta("Hel"),
                            new StreamEvent.TextDelta("lo"),
                            new StreamEvent.UsageReport(Usage.builder()
                                    .inputTokens(3)
                                    .outputTokens(5)
                                    .build()),
                            new StreamEvent.Finish(FinishReason.STOP)),
                    events);
            ChatResponse r = stream.response();
            assertEquals("Hello", r.text());
            assertEquals(8, r.usage().orElseThrow().totalTokens());
            assertEquals("req-s", r.requestId().orElseThrow());
            assertTrue(r.timeToFirstEvent().isPresent());
            assertEquals("a:m1", r.trace().servedBy().orElseThrow());
        }
    }

    @Test
    void streamedAndNonStreamedAnswersAssembleTheSameResponse() {
        server.stubFor(post("/a/chat")
                .willReturn(sseAnswer(sse(
                        "{\"reasoning\":\"hmm\"}",
                        "{\"text\":\"Hello\"}",
                        "{\"tool\":{\"index\":0,\"id\":\"c1\",\"name\":\"f\",\"args\":\"{\\\"x\\\":1}\"}}",
                        "{\"usage\":{\"in\":3,\"out\":5}}",
                        "{\"finish\":\"tool_calls\"}"))));
        server.stubFor(post("/b/chat")
                .willReturn(aResponse()
                        .withStatus(200)
                        .withBody("[{\"reasoning\":\"hmm\"},"
                                + "{\"text\":\"Hello\"},{\"tool\":{\"index\":0,\"id\":\"c1\",\"name\":\"f\",\"args\":\"{\\\"x\\\":1}\"}},"
                                + "{\"usage\":{\"in\":3,\"out\":5}},{\"finish\":\"tool_calls\"}]")));
        try (LlmRing ring = ring().build();
                ChatStream stream = ring.stream(request("a:m1"))) {
            ChatResponse streamed = stream.response();
            ChatResponse whole = ring.chat(request("b:m1"));
            assertEquals(whole.text(), streamed.text());
            assertEquals(whole.reasoning(), streamed.reasoning());
            assertEquals(whole.toolCalls(), streamed.toolCalls());
            assertEquals(whole.usage(), streamed.usage());
            assertEquals(whole.finishReason(), streamed.finishReason());
            assertEquals(1, streamed.toolCalls().get(0).arguments().get("x"));
        }
    }

    @Test
    void responseWithoutIteratingReadsTheWholeStream() {
        server.stubFor(post("/a/chat").willReturn(sseAnswer(HELLO)));
        try (LlmRing ring = ring().build();
                ChatStream stream = ring.stream(request("a:m1"))) {
            assertEquals("Hello", stream.response().text());
        }
    }

    @Test
    void aStreamCanBeIteratedOnlyOnce() {
        server.stubFor(post("/a/chat").willReturn(sseAnswer(HELLO)));
        try (LlmRing ring = ring().build();
                ChatStream stream = ring.stream(request("a:m1"))) {
            stream.iterator();
            assertThrows(IllegalStateException.class, stream::iterator);
        }
    }

    @Test
    void crlfSeparatedEventsAreFramed() {
        server.stubFor(post("/a/chat").willReturn(sseAnswer(HELLO.replace("\n", "\r\n"))));
        try (LlmRing ring = ring().build();
                ChatStream stream = ring.stream(request("a:m1"))) {
            assertEquals("Hello", text(stream));
        }
    }

    @Test
    void ndjsonStreamsAreFramedByLine() {
        server.stubFor(
                post("/n/chat")
                        .willReturn(
                                aResponse()
                                        .withStatus(200)
                                        .withHeader("Content-Type", "application/x-ndjson")
                                        .withBody(
                                                "{\"text\":\"Hel\"}\n\n{\"text\":\"lo\"}\r\n{\"finish\":\"stop\"}\n{\"done\":true}\n")));
        try (LlmRing ring = ring().provider(ndjson("n"))
                        .apiKey("n", KEY)
                        .baseUrl("n", base())
                        .build();
                ChatStream stream = ring.stream(request("n:m1"))) {
            assertEquals("Hello", text(stream));
        }
    }

    @Test
    void anErrorEventBeforeContentFailsOver() {
        server.stubFor(post("/a/chat")
                .willReturn(sseAnswer(
                        "event: error\ndata: {\"error\":{\"type\":\"overloaded\",\"message\":\"busy\"}}\n\n")));
        server.stubFor(post("/b/chat").willReturn(sseAnswer(HELLO)));
        aliases.bind("chat", "a:m1", "b:m2");
        try (LlmRing ring = oneAttemptRing();
                ChatStream stream = ring.stream(request("chat"))) {
            assertEquals("Hello", text(stream));
            assertEquals(
                    "ProviderUnavailableException",
                    stream.response().trace().attempts().get(0).error().orElseThrow());
        }
    }

    @Test
    void usageBeforeContentDoesNotCommitTheStream() {
        server.stubFor(post("/a/chat")
                .willReturn(sseAnswer("data: {\"usage\":{\"in\":3,\"out\":0}}\n\n"
                        + "event: error\ndata: {\"error\":{\"type\":\"overloaded\",\"message\":\"busy\"}}\n\n")));
        server.stubFor(post("/b/chat").willReturn(sseAnswer(HELLO)));
        aliases.bind("chat", "a:m1", "b:m2");
        try (LlmRing ring = oneAttemptRing();
                ChatStream stream = ring.stream(request("chat"))) {
            assertEquals("b:m2", stream.response().binding());
        }
    }

    @Test
    void anErrorEventAfterContentEndsTheStreamWithoutRetryOrFailover() {
        server.stubFor(post("/a/chat")
                .willReturn(sseAnswer("data: {\"text\":\"Hel\"}\n\n"
                        + "event: error\ndata: {\"error\":{\"type\":\"overloaded\",\"message\":\"busy\"}}\n\n")));
        server.stubFor(post("/b/chat").willReturn(sseAnswer(HELLO)));
        aliases.bind("chat", "a:m1", "b:m2");
        try (LlmRing ring = ring().build();
                ChatStream stream = ring.stream(request("chat"))) {
            StreamException e = assertThrows(StreamException.class, () -> text(stream));
            assertInstanceOf(ProviderUnavailableException.class, e.getCause());
            assertEquals("overloaded", e.details().providerCode().orElseThrow());
            assertTrue(e.trace().isPresent());
            assertThrows(StreamException.class, stream::response);
        }
        server.verify(1, postRequestedFor(urlEqualTo("/a/chat")));
        server.verify(0, postRequestedFor(urlEqualTo("/b/chat")));
    }

    @Test
    void aStreamCutMidwayIsAStreamException() {
        server.stubFor(
                post("/a/chat").willReturn(sseAnswer("data: {\"text\":\"Hel\"}\n\ndata: {\"text\":\"lo\"}\n\n")));
        try (LlmRing ring = ring().build();
                ChatStream stream = ring.stream(request("a:m1"))) {
            StreamException e = assertThrows(StreamException.class, () -> text(stream));
            assertTrue(e.getMessage().contains("end marker"), e.getMessage());
        }
        server.verify(1, postRequestedFor(urlEqualTo("/a/chat")));
    }

    @Test
    void aMalformedEventAfterContentIsAStreamException() {
        server.stubFor(post("/a/chat").willReturn(sseAnswer("data: {\"text\":\"Hel\"}\n\ndata: {oops\n\n")));
        try (LlmRing ring = ring().build();
                ChatStream stream = ring.stream(request("a:m1"))) {
            assertThrows(StreamException.class, () -> text(stream));
        }
    }

    @Test
    void aMalformedFirstEventFailsOver() {
        server.stubFor(post("/a/chat").willReturn(sseAnswer("data: {oops\n\n")));
        server.stubFor(post("/b/chat").willReturn(sseAnswer(HELLO)));
        aliases.bind("chat", "a:m1", "b:m2");
        try (LlmRing ring = oneAttemptRing();
                ChatStream stream = ring.stream(request("chat"))) {
            assertEquals("Hello", text(stream));
        }
    }

    @Test
    void aDecoderBugIsAStreamExceptionNotACrash() {
        server.stubFor(post("/a/chat").willReturn(sseAnswer("data: {\"text\":\"Hel\"}\n\ndata: {\"bogus\":1}\n\n")));
        try (LlmRing ring = ring().build();
                ChatStream stream = ring.stream(request("a:m1"))) {
            assertThrows(StreamException.class, () -> text(stream));
        }
    }

    @Test
    void aJsonErrorDocumentOnTheStreamEndpointIsClassified() {
        server.stubFor(post("/a/chat")
                .willReturn(sseAnswer("  {\"error\":{\"type\":\"rate_limited\",\"message\":\"quota exhausted\"}}")));
        try (LlmRing ring = oneAttemptRing()) {
            RateLimitException e = assertThrows(RateLimitException.class, () -> ring.stream(request("a:m1")));
            assertTrue(e.getMessage().contains("quota exhausted"), e.getMessage());
        }
    }

    @Test
    void aPrettyPrintedJsonArrayErrorOnTheStreamEndpointIsClassified() {
        server.stubFor(
                post("/a/chat")
                        .willReturn(
                                sseAnswer(
                                        "[{\r\n  \"error\": {\r\n    \"type\": \"invalid\",\r\n    \"message\": \"bad\"\r\n  }\r\n}\r\n]")));
        try (LlmRing ring = oneAttemptRing()) {
            assertThrows(InvalidRequestException.class, () -> ring.stream(request("a:m1")));
        }
    }

    @Test
    void anErrorStatusOnTheStreamEndpointIsRetried() {
        server.stubFor(post("/a/chat")
                .inScenario("s")
                .whenScenarioStateIs("Started")
                .willReturn(error(429, "rate_limited").withHeader("Retry-After", "1"))
                .willSetStateTo("ok"));
        server.stubFor(post("/a/chat").inScenario("s").whenScenarioStateIs("ok").willReturn(sseAnswer(HELLO)));
        try (LlmRing ring = ring().build();
                ChatStream stream = ring.stream(request("a:m1"))) {
            assertEquals("Hello", text(stream));
        }
        assertEquals(List.of(java.time.Duration.ofSeconds(1)), time.sleeps);
    }

    @Test
    void closingBeforeTheEndMakesResponseAnIllegalState() {
        server.stubFor(post("/a/chat").willReturn(sseAnswer(HELLO)));
        try (LlmRing ring = ring().build()) {
            ChatStream stream = ring.stream(request("a:m1"));
            stream.close();
            stream.close();
            assertThrows(IllegalStateException.class, stream::response);
        }
    }
}
