package dev.llmring;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** What listeners get beyond the order of callbacks: stream chunks, where a try went, key redaction. */
class ListenerDetailsTest extends WireMockSupport {

    @Test
    void aStreamReportsEveryContentEventAfterTheFirstAsAnOutputChunk() {
        server.stubFor(post("/a/chat")
                .willReturn(sseAnswer(sse(
                        "{\"text\":\"One\"}",
                        "{\"text\":\" two\"}",
                        "{\"text\":\" three\"}",
                        "{\"usage\":{\"in\":1,\"out\":3}}",
                        "{\"finish\":\"stop\"}"))));
        List<Duration> chunks = new CopyOnWriteArrayList<>();
        LlmRingListener listener = new LlmRingListener() {
            @Override
            public void outputChunk(Call call, Duration sincePrevious) {
                chunks.add(sincePrevious);
            }
        };
        try (LlmRing ring = ring().listener(listener).build();
                ChatStream stream = ring.stream(request("a:m1"))) {
            stream.response();
        }
        assertEquals(List.of(Duration.ZERO, Duration.ZERO), chunks, "two chunks after the first, on the fake clock");
    }

    @Test
    void anAttemptSaysWhereItWasSent() {
        server.stubFor(post("/a/chat").willReturn(answer("x")));
        List<RoutingTrace.Attempt> attempts = new CopyOnWriteArrayList<>();
        LlmRingListener listener = new LlmRingListener() {
            @Override
            public void attemptEnd(Call call, RoutingTrace.Attempt attempt) {
                attempts.add(attempt);
            }
        };
        try (LlmRing ring = ring().listener(listener).build()) {
            ring.chat(request("a:m1"));
        }
        assertEquals(
                URI.create("http://127.0.0.1:" + server.port()),
                attempts.get(0).endpoint().orElseThrow());
    }

    @Test
    void anEndpointKeepsOnlySchemeHostAndPort() {
        RoutingTrace.Attempt a = new RoutingTrace.Attempt(
                "a:m1",
                1,
                RoutingTrace.Attempt.Outcome.SUCCEEDED,
                null,
                0,
                Duration.ZERO,
                null,
                URI.create("https://user:pw@api.example.com:8443/v1/chat?x=1#f"));
        assertEquals(URI.create("https://api.example.com:8443"), a.endpoint().orElseThrow());
    }

    @Test
    void aCallRedactsTheConfiguredKeys() {
        server.stubFor(post("/a/chat").willReturn(answer("x")));
        List<String> redacted = new CopyOnWriteArrayList<>();
        LlmRingListener listener = new LlmRingListener() {
            @Override
            public void callStart(Call call) {
                redacted.add(call.redact("echoed " + KEY + " back"));
            }
        };
        try (LlmRing ring = ring().listener(listener).build()) {
            ring.chat(request("a:m1"));
        }
        assertEquals(List.of("echoed <redacted> back"), redacted);
    }
}
