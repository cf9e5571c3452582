package dev.llmring.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.ChatRequest;
import dev.llmring.ChatResponse;
import dev.llmring.ChatStream;
import dev.llmring.LlmRing;
import dev.llmring.LlmRingListener;
import dev.llmring.StreamEvent;
import dev.llmring.registry.Registry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What holds whatever the provider: parent context, skips, waits, cancellation, content opt-in, no SDK. */
class TelemetryBehaviourTest extends LoopbackTest {
    @BeforeEach
    void stub() {
        Wire.OPENAI.serves(server, false);
    }

    private static ChatRequest request() {
        return ChatRequest.builder(Harness.ALIAS)
                .system("You answer in one sentence.")
                .user("What is the capital of France?")
                .tag("billing")
                .build();
    }

    private ChatResponse chat(LlmRingListener listener) {
        try (LlmRing ring = harness.ring(listener, Wire.OPENAI)) {
            return ring.chat(request());
        }
    }

    @Test
    void callSpanIsAChildOfTheApplicationsCurrentSpan() {
        Span app = harness.sdk.getTracer("app").spanBuilder("handle request").startSpan();
        Scope scope = app.makeCurrent();
        try {
            chat(LlmRingTelemetry.create(harness.sdk));
        } finally {
            scope.close();
            app.end();
        }
        SpanData call = harness.spans().stream()
                .filter(s -> s.getName().equals("chat " + Wire.OPENAI.model())
                        && s.getAttributes().get(GenAi.ATTEMPT_NUMBER) == null)
                .findFirst()
                .orElseThrow();
        assertEquals(app.getSpanContext().getSpanId(), call.getParentSpanId());
        assertEquals(app.getSpanContext().getTraceId(), call.getTraceId());
    }

    @Test
    void noLlmringSpanIsMadeCurrentWhileAStreamIsRead() {
        Wire.OPENAI.serves(server, true);
        Span app = harness.sdk.getTracer("app").spanBuilder("handle request").startSpan();
        Scope scope = app.makeCurrent();
        try (LlmRing ring = harness.ring(LlmRingTelemetry.create(harness.sdk), Wire.OPENAI);
                ChatStream stream = ring.stream(request())) {
            for (StreamEvent ignored : stream) {
                assertSame(app, Span.current());
            }
        } finally {
            scope.close();
            app.end();
        }
        assertSame(Span.getInvalid(), Span.current());
    }

    @Test
    void aSkippedBindingIsAnInternalChildSpanWithTheReason() {
        try (LlmRing ring = harness.ring(
                LlmRingTelemetry.create(harness.sdk),
                b -> b,
                List.of("mistral:mistral-small", Wire.OPENAI.binding()))) {
            ring.chat(request());
        }
        List<SpanData> children = harness.children();
        assertEquals(2, children.size(), "a skip and a try: " + children);
        SpanData skip = children.get(0);
        assertEquals("skip mistral:mistral-small", skip.getName());
        assertEquals(SpanKind.INTERNAL, skip.getKind());
        assertEquals("mistral", skip.getAttributes().get(GenAi.PROVIDER_NAME));
        assertTrue(skip.getAttributes().get(GenAi.SKIP_REASON).contains("not registered"), skip.toString());
        assertEquals(1L, harness.callSpan().getAttributes().get(GenAi.ATTEMPTS));
    }

    @Test
    void aRateLimitWaitIsAChildSpanAndAddsUpOnTheCallSpan() {
        LlmRingListener telemetry = LlmRingTelemetry.create(harness.sdk);
        // The router reports a wait just before the try it delayed; this stands in for a limiter that waited.
        LlmRingListener waiting = new Forwarding(telemetry) {
            @Override
            public void attemptStart(Call call, String binding, int number) {
                telemetry.waited(call, binding, Duration.ofMillis(250), "rate limit 10/min");
                super.attemptStart(call, binding, number);
            }
        };
        chat(waiting);
        SpanData wait = harness.children().get(0);
        assertEquals("wait " + Wire.OPENAI.binding(), wait.getName());
        assertEquals(0.25, wait.getAttributes().get(GenAi.WAIT_DURATION));
        assertEquals("rate limit 10/min", wait.getAttributes().get(GenAi.WAIT_REASON));
        assertEquals(250_000_000L, wait.getEndEpochNanos() - wait.getStartEpochNanos());
        assertEquals(0.25, harness.callSpan().getAttributes().get(GenAi.WAIT_DURATION));
    }

    @Test
    void aStreamClosedEarlyEndsItsSpansAsCancelled() {
        Wire.OPENAI.serves(server, true);
        try (LlmRing ring = harness.ring(LlmRingTelemetry.create(harness.sdk), Wire.OPENAI);
                ChatStream stream = ring.stream(request())) {
            Iterator<StreamEvent> events = stream.iterator();
            assertTrue(events.hasNext());
            events.next();
        }
        SpanData call = harness.callSpan();
        assertEquals("cancelled", call.getAttributes().get(GenAi.OUTCOME));
        assertEquals(GenAi.CANCELLED, call.getAttributes().get(GenAi.ERROR_TYPE));
        assertNotNull(call.getAttributes().get(GenAi.RESPONSE_TIME_TO_FIRST_CHUNK));
        assertEquals(1, harness.children().size(), "the try ended with the call");
    }

    @Test
    void oneListenerKeepsApartTheCallsOfTwoIndependentClients() {
        Wire.OPENAI.serves(server, true);
        Wire.ANTHROPIC.serves(server, false);
        LlmRingListener telemetry = LlmRingTelemetry.create(harness.sdk);
        try (LlmRing streaming = harness.ring(telemetry, Wire.OPENAI);
                LlmRing chatting = harness.ring(telemetry, Wire.ANTHROPIC);
                ChatStream stream = streaming.stream(request())) {
            Iterator<StreamEvent> events = stream.iterator();
            events.next(); // both clients' first call has id 1, and this one is still open
            chatting.chat(request());
            stream.response();
        }
        List<SpanData> calls = harness.spans().stream()
                .filter(s -> s.getAttributes().get(GenAi.ALIAS) != null)
                .toList();
        assertEquals(2, calls.size(), "call spans: " + calls);
        for (SpanData call : calls) {
            assertEquals("success", call.getAttributes().get(GenAi.OUTCOME), call.toString());
            Wire served = call.getAttributes().get(GenAi.STREAM) ? Wire.OPENAI : Wire.ANTHROPIC;
            assertEquals(served.semconvProvider(), call.getAttributes().get(GenAi.PROVIDER_NAME));
            assertEquals(
                    served.inputTokens(call.getAttributes().get(GenAi.STREAM)),
                    call.getAttributes().get(GenAi.USAGE_INPUT_TOKENS));
        }
    }

    @Test
    void contentIsNotRecordedByDefault() {
        chat(LlmRingTelemetry.create(harness.sdk));
        for (SpanData s : harness.spans()) {
            Attributes a = s.getAttributes();
            assertNull(a.get(GenAi.INPUT_MESSAGES), s.getName());
            assertNull(a.get(GenAi.OUTPUT_MESSAGES), s.getName());
            assertNull(a.get(GenAi.SYSTEM_INSTRUCTIONS), s.getName());
        }
        harness.assertNowhere("capital of France");
        harness.assertNowhere("one sentence");
    }

    @Test
    void contentIsRecordedWhenOptedInWithKeysRedacted() {
        chat(LlmRingTelemetry.builder(harness.sdk).captureContent(true).build());
        Attributes a = harness.callSpan().getAttributes();
        assertEquals(
                "[{\"type\":\"text\",\"content\":\"You answer in one sentence.\"}]", a.get(GenAi.SYSTEM_INSTRUCTIONS));
        assertEquals(
                "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"What is the capital of France?\"}]}]",
                a.get(GenAi.INPUT_MESSAGES));
        assertEquals(
                "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":"
                        + "\"The capital of France is <redacted>.\"}],\"finish_reason\":\"stop\"}]",
                a.get(GenAi.OUTPUT_MESSAGES));
        harness.assertNowhere(Wire.KEY);
    }

    @Test
    void costAndRegistryVersionAreOnTheCallSpan(@TempDir Path registry) throws IOException {
        Path openai = Files.createDirectories(registry.resolve("openai"));
        Files.writeString(
                openai.resolve("models.json"),
                "{\"provider\":\"openai\",\"version\":7,\"updated_at\":\"2026-01-01T00:00:00Z\",\"models\":{"
                        + "\"openai:gpt-4o-mini\":{\"provider\":\"openai\",\"model_name\":\"gpt-4o-mini\","
                        + "\"dollars_per_million_tokens_input\":1.0,\"dollars_per_million_tokens_output\":2.0,"
                        + "\"max_input_tokens\":128000,\"max_output_tokens\":16384}}}");
        try (LlmRing ring = harness.ring(
                LlmRingTelemetry.create(harness.sdk),
                b -> b.registry(Registry.builder().baseUrl(registry.toUri()).build()),
                Wire.OPENAI)) {
            ring.chat(request());
        }
        Attributes a = harness.callSpan().getAttributes();
        assertEquals("priced", a.get(GenAi.COST_STATUS));
        assertEquals(7L, a.get(GenAi.REGISTRY_VERSION));
        // 2006 input tokens at $1/M and 300 output tokens at $2/M
        assertEquals(0.002606, a.get(GenAi.COST_USD), 1e-9);
    }

    @Test
    void theApplicationTagIsOnTheCallSpan() {
        chat(LlmRingTelemetry.create(harness.sdk));
        assertEquals("billing", harness.callSpan().getAttributes().get(GenAi.TAG));
    }

    @Test
    void withoutAnSdkTheCallIsServedAndNothingIsRecorded() {
        ChatResponse r = chat(LlmRingTelemetry.create(OpenTelemetry.noop()));
        assertEquals("The capital of France is test-key-otel.", r.text());
        assertTrue(harness.spans().isEmpty());
        assertFalse(harness.collect().stream().anyMatch(m -> m.getName().startsWith("gen_ai")));
    }

    /** Passes every callback on to {@code delegate}. */
    private static class Forwarding implements LlmRingListener {
        private final LlmRingListener delegate;

        Forwarding(LlmRingListener delegate) {
            this.delegate = delegate;
        }

        @Override
        public void callStart(Call call) {
            delegate.callStart(call);
        }

        @Override
        public void attemptStart(Call call, String binding, int number) {
            delegate.attemptStart(call, binding, number);
        }

        @Override
        public void attemptEnd(Call call, dev.llmring.RoutingTrace.Attempt attempt) {
            delegate.attemptEnd(call, attempt);
        }

        @Override
        public void callEnd(Call call, ChatResponse response) {
            delegate.callEnd(call, response);
        }
    }
}
