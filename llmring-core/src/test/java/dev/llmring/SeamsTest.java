package dev.llmring;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The seams other parts plug into: preflight, context windows, after-response. Their wiring. */
class SeamsTest extends WireMockSupport {

    @Test
    void aPreflightReasonSkipsTheBindingAndIsRecorded() {
        server.stubFor(post("/b/chat").willReturn(answer("from-b")));
        aliases.bind("chat", "a:m1", "b:m2");
        Preflight noA = check -> check.target().provider().equals("a") ? "a cannot see images" : null;
        try (LlmRing ring = ring().preflight(noA).build()) {
            ChatResponse r = ring.chat(request("chat"));
            assertEquals("from-b", r.text());
            assertEquals(
                    "a cannot see images", r.trace().attempts().get(0).reason().orElseThrow());
        }
    }

    @Test
    void aPreflightExceptionEndsTheCallBeforeAnyHttp() {
        Preflight budget = check -> {
            throw new BudgetExceededException(
                    "over budget", ErrorDetails.of(check.target().provider(), "m1"));
        };
        try (LlmRing ring = ring().preflight(budget).build()) {
            BudgetExceededException e = assertThrows(BudgetExceededException.class, () -> ring.chat(request("a:m1")));
            assertTrue(e.trace().isPresent());
        }
        server.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aPreflightContextWindowOverflowSkipsOnlyBindingsWhoseWindowIsNotLarger() {
        server.stubFor(post("/c/chat").willReturn(answer("from-c")));
        aliases.bind("chat", "a:m1", "b:m2", "c:m3");
        Preflight window = check -> {
            if (check.target().provider().equals("a")) {
                throw new ContextWindowExceededException(
                        "needs 200000 tokens, window is 128000", ErrorDetails.of("a", "m1"));
            }
            return null;
        };
        ContextWindows windows = t -> java.util.OptionalLong.of(t.provider().equals("c") ? 1_000_000 : 128_000);
        try (LlmRing ring = ring().preflight(window).contextWindows(windows).build()) {
            ChatResponse r = ring.chat(request("chat"));
            assertEquals("from-c", r.text());
            assertTrue(r.trace().attempts().get(0).reason().orElseThrow().contains("200000"));
            assertTrue(r.trace().attempts().get(1).reason().orElseThrow().contains("not larger"));
        }
    }

    @Test
    void aPreflightSeesTheLockfileProfileAndTheStreamingFlag() {
        server.stubFor(post("/a/chat").willReturn(answer("x")));
        java.util.List<Preflight.Check> seen = new java.util.ArrayList<>();
        Preflight record = check -> {
            seen.add(check);
            return null;
        };
        dev.llmring.lockfile.Lockfile lock = dev.llmring.lockfile.Lockfile.parse(
                """
                [profiles.default.registry_versions]
                a = 7

                [[profiles.default.bindings]]
                alias = "chat"
                models = ["a:m1"]

                [profiles.default.bindings.constraints]
                max_input_tokens = 1000
                """,
                dev.llmring.lockfile.Format.TOML,
                "test");
        try (LlmRing ring = ring().poolResolver(new LockfileResolver(lock, lock.profile("default")))
                .preflight(record)
                .build()) {
            ring.chat(request("chat"));
        }
        assertEquals(java.util.Map.of("max_input_tokens", 1000L), seen.get(0).constraints());
        assertEquals(java.util.Optional.of(7), seen.get(0).pinnedRegistryVersion());
        assertTrue(!seen.get(0).streaming());
    }

    @Test
    void theAfterResponseHookSeesStreamedAndNonStreamedResponses() {
        server.stubFor(post("/a/chat").willReturn(answer("plain")));
        server.stubFor(post("/b/chat").willReturn(sseAnswer(sse("{\"text\":\"streamed\"}", "{\"finish\":\"stop\"}"))));
        AfterResponse shout = (request, profile, response) ->
                response.toBuilder().text(response.text() + "!").build();
        try (LlmRing ring = ring().afterResponse(shout).build()) {
            assertEquals("plain!", ring.chat(request("a:m1")).text());
            try (ChatStream stream = ring.stream(request("b:m1"))) {
                assertEquals("streamed!", stream.response().text());
            }
        }
    }

    @Test
    void aFailingAfterResponseHookKeepsTheResponse() {
        server.stubFor(post("/a/chat").willReturn(answer("plain")));
        AfterResponse broken = (request, profile, response) -> {
            throw new IllegalStateException("cost bug");
        };
        try (LlmRing ring = ring().afterResponse(broken).build()) {
            assertEquals("plain", ring.chat(request("a:m1")).text());
        }
    }
}
