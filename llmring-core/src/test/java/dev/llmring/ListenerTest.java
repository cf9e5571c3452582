package dev.llmring;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Listener callbacks arrive in the documented order. */
class ListenerTest extends WireMockSupport {
    private final List<String> seen = new CopyOnWriteArrayList<>();

    private final LlmRingListener recorder = new LlmRingListener() {
        @Override
        public void callStart(Call call) {
            seen.add("callStart " + call.request().model() + (call.streaming() ? " stream" : ""));
        }

        @Override
        public void attemptStart(Call call, String binding, int number) {
            seen.add("attemptStart " + binding + " #" + number);
        }

        @Override
        public void attemptSkipped(Call call, String binding, String reason) {
            seen.add("attemptSkipped " + binding + " " + reason.substring(0, reason.indexOf(' ', 9)));
        }

        @Override
        public void attemptEnd(Call call, RoutingTrace.Attempt attempt) {
            seen.add("attemptEnd " + attempt.binding() + " " + attempt.outcome());
        }

        @Override
        public void firstEvent(Call call, Duration sinceStart) {
            seen.add("firstEvent");
        }

        @Override
        public void usage(Call call, String binding, Usage usage) {
            seen.add("usage " + binding + " " + usage.totalTokens());
        }

        @Override
        public void callEnd(Call call, ChatResponse response) {
            seen.add("callEnd " + response.binding());
        }

        @Override
        public void callFailed(Call call, LlmRingException error) {
            seen.add("callFailed " + error.getClass().getSimpleName());
        }
    };

    @Test
    void aChatWithOneFailoverReportsEveryStepInOrder() {
        server.stubFor(post("/a/chat").willReturn(aResponse().withStatus(500)));
        server.stubFor(post("/b/chat").willReturn(answer("x")));
        aliases.bind("chat", "a:m1", "b:m2");
        try (LlmRing ring =
                ring().retryPolicy(RetryPolicy.none()).listener(recorder).build()) {
            ring.chat(request("chat"));
        }
        assertEquals(
                List.of(
                        "callStart chat",
                        "attemptStart a:m1 #1",
                        "attemptEnd a:m1 FAILED",
                        "attemptStart b:m2 #1",
                        "attemptEnd b:m2 SUCCEEDED",
                        "usage b:m2 8",
                        "callEnd b:m2"),
                seen);
    }

    @Test
    void aSkippedBindingIsReportedWithItsReason() {
        server.stubFor(post("/b/chat").willReturn(answer("x")));
        aliases.bind("chat", "zz:m1", "b:m2");
        try (LlmRing ring = ring().listener(recorder).build()) {
            ring.chat(request("chat"));
        }
        assertEquals(
                List.of(
                        "callStart chat",
                        "attemptSkipped zz:m1 provider 'zz'",
                        "attemptStart b:m2 #1",
                        "attemptEnd b:m2 SUCCEEDED",
                        "usage b:m2 8",
                        "callEnd b:m2"),
                seen);
    }

    @Test
    void aStreamReportsItsFirstEventBeforeItsAttemptEnds() {
        server.stubFor(post("/a/chat")
                .willReturn(sseAnswer(
                        sse("{\"text\":\"Hi\"}", "{\"usage\":{\"in\":1,\"out\":1}}", "{\"finish\":\"stop\"}"))));
        try (LlmRing ring = ring().listener(recorder).build();
                ChatStream stream = ring.stream(request("a:m1"))) {
            stream.response();
        }
        assertEquals(
                List.of(
                        "callStart a:m1 stream",
                        "attemptStart a:m1 #1",
                        "firstEvent",
                        "attemptEnd a:m1 SUCCEEDED",
                        "usage a:m1 2",
                        "callEnd a:m1"),
                seen);
    }

    @Test
    void aFailedCallEndsWithCallFailed() {
        server.stubFor(post("/a/chat").willReturn(error(400, "invalid")));
        try (LlmRing ring = ring().listener(recorder).build()) {
            assertThrows(InvalidRequestException.class, () -> ring.chat(request("a:m1")));
        }
        assertEquals(
                List.of(
                        "callStart a:m1",
                        "attemptStart a:m1 #1",
                        "attemptEnd a:m1 FAILED",
                        "callFailed InvalidRequestException"),
                seen);
    }

    @Test
    void aThrowingListenerDoesNotBreakTheCall() {
        server.stubFor(post("/a/chat").willReturn(answer("x")));
        LlmRingListener broken = new LlmRingListener() {
            @Override
            public void callStart(Call call) {
                throw new IllegalStateException("listener bug");
            }
        };
        try (LlmRing ring = ring().listener(broken).listener(recorder).build()) {
            assertEquals("x", ring.chat(request("a:m1")).text());
        }
        assertEquals("callStart a:m1", seen.get(0));
    }
}
