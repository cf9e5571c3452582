package dev.llmring.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.ChatRequest;
import dev.llmring.ChatResponse;
import dev.llmring.ChatStream;
import dev.llmring.LlmRing;
import dev.llmring.LlmRingException;
import dev.llmring.StreamEvent;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every adapter, served by a loopback fake in its recorded wire shape, chat and stream, success, failover and error:
 * the spans carry the GenAI attributes with the right values, the metrics their points in the right units, and the
 * fake key (which every answer and error echoes) appears nowhere.
 */
class ProviderTelemetryTest extends LoopbackTest {
    static final List<Wire> PROVIDERS = Wire.ALL;

    private static ChatRequest request() {
        return ChatRequest.builder(Harness.ALIAS)
                .user("What is the capital of France?")
                .temperature(0.25)
                .maxOutputTokens(64)
                .build();
    }

    private ChatResponse call(boolean stream, Wire... pool) {
        try (LlmRing ring = harness.ring(LlmRingTelemetry.create(harness.sdk), pool)) {
            if (!stream) return ring.chat(request());
            try (ChatStream s = ring.stream(request())) {
                for (StreamEvent ignored : s) {
                    // read to the end
                }
                return s.response();
            }
        }
    }

    private LlmRingException failure(boolean stream, Wire... pool) {
        return assertThrows(LlmRingException.class, () -> call(stream, pool));
    }

    private void assertServedSpan(SpanData span, Wire w, boolean stream) {
        Attributes a = span.getAttributes();
        assertEquals("chat " + w.model(), span.getName());
        assertEquals(SpanKind.CLIENT, span.getKind());
        assertEquals("chat", a.get(GenAi.OPERATION_NAME));
        assertEquals(w.semconvProvider(), a.get(GenAi.PROVIDER_NAME));
        assertEquals(w.model(), a.get(GenAi.REQUEST_MODEL));
        assertEquals(w.responseModel(stream), a.get(GenAi.RESPONSE_MODEL));
        assertEquals(w.responseId(stream), a.get(GenAi.RESPONSE_ID));
        assertEquals(List.of("stop"), a.get(GenAi.RESPONSE_FINISH_REASONS));
        assertEquals("127.0.0.1", a.get(GenAi.SERVER_ADDRESS));
        assertEquals((long) server.port(), a.get(GenAi.SERVER_PORT));
        assertEquals(w.binding(), a.get(GenAi.BINDING));
        assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode());
    }

    @ParameterizedTest
    @FieldSource("PROVIDERS")
    void chatCallSpanCarriesTheGenAiAttributes(Wire w) {
        w.serves(server, false);
        call(false, w);
        SpanData span = harness.callSpan();
        assertServedSpan(span, w, false);
        Attributes a = span.getAttributes();
        assertEquals(w.inputTokens(false), a.get(GenAi.USAGE_INPUT_TOKENS));
        assertEquals(w.outputTokens(false), a.get(GenAi.USAGE_OUTPUT_TOKENS));
        assertNotNull(a.get(GenAi.USAGE_CACHE_READ_INPUT_TOKENS));
        assertNotNull(a.get(GenAi.USAGE_CACHE_CREATION_INPUT_TOKENS));
        assertEquals(0.25, a.get(GenAi.REQUEST_TEMPERATURE));
        assertEquals(64L, a.get(GenAi.REQUEST_MAX_TOKENS));
        assertEquals(Harness.ALIAS, a.get(GenAi.ALIAS));
        assertEquals("default", a.get(GenAi.PROFILE));
        assertTrue(a.get(GenAi.LOCKFILE_DIGEST).length() > 10, "digest " + a.get(GenAi.LOCKFILE_DIGEST));
        assertEquals(1L, a.get(GenAi.ATTEMPTS));
        assertEquals("success", a.get(GenAi.OUTCOME));
        assertEquals(false, a.get(GenAi.STREAM));
        assertNull(a.get(GenAi.RESPONSE_TIME_TO_FIRST_CHUNK));
    }

    @ParameterizedTest
    @FieldSource("PROVIDERS")
    void chatTryIsAClientSpanUnderTheCallSpan(Wire w) {
        w.serves(server, false);
        call(false, w);
        List<SpanData> tries = harness.children();
        assertEquals(1, tries.size(), "children " + tries);
        assertServedSpan(tries.get(0), w, false);
        assertEquals(1L, tries.get(0).getAttributes().get(GenAi.ATTEMPT_NUMBER));
        assertNull(tries.get(0).getAttributes().get(GenAi.USAGE_INPUT_TOKENS), "usage is on the call span only");
    }

    @ParameterizedTest
    @FieldSource("PROVIDERS")
    void chatRecordsDurationAndTokenUsage(Wire w) {
        w.serves(server, false);
        call(false, w);
        Collection<MetricData> all = harness.collect();
        MetricData duration = Harness.metric(all, "gen_ai.client.operation.duration");
        assertEquals("s", duration.getUnit());
        HistogramPointData point = Harness.points(duration).get(0);
        assertEquals(1, point.getCount());
        assertEquals(Instruments.SECONDS, point.getBoundaries());
        assertEquals(w.semconvProvider(), point.getAttributes().get(GenAi.PROVIDER_NAME));
        assertEquals("chat", point.getAttributes().get(GenAi.OPERATION_NAME));
        assertEquals(w.model(), point.getAttributes().get(GenAi.REQUEST_MODEL));
        assertEquals(w.responseModel(false), point.getAttributes().get(GenAi.RESPONSE_MODEL));
        assertEquals((long) server.port(), point.getAttributes().get(GenAi.SERVER_PORT));
        assertNull(point.getAttributes().get(GenAi.ERROR_TYPE));
        MetricData tokens = Harness.metric(all, "gen_ai.client.token.usage");
        assertEquals("{token}", tokens.getUnit());
        assertEquals(w.inputTokens(false), (long) tokenSum(tokens, "input"));
        assertEquals(w.outputTokens(false), (long) tokenSum(tokens, "output"));
        assertTrue(all.stream().noneMatch(m -> m.getName().contains("chunk")), "chunk metrics are for streams");
    }

    private static double tokenSum(MetricData tokens, String type) {
        HistogramPointData p = Harness.points(tokens).stream()
                .filter(x -> type.equals(x.getAttributes().get(GenAi.TOKEN_TYPE)))
                .findFirst()
                .orElseThrow();
        assertEquals(Instruments.TOKENS.stream().map(Long::doubleValue).toList(), p.getBoundaries(), "token buckets");
        return p.getSum();
    }

    @ParameterizedTest
    @FieldSource("PROVIDERS")
    void streamCallSpanCarriesTheGenAiAttributesAndTimeToFirstChunk(Wire w) {
        w.serves(server, true);
        call(true, w);
        SpanData span = harness.callSpan();
        assertServedSpan(span, w, true);
        Attributes a = span.getAttributes();
        assertEquals(w.inputTokens(true), a.get(GenAi.USAGE_INPUT_TOKENS));
        assertEquals(w.outputTokens(true), a.get(GenAi.USAGE_OUTPUT_TOKENS));
        assertEquals(true, a.get(GenAi.STREAM));
        assertNotNull(a.get(GenAi.RESPONSE_TIME_TO_FIRST_CHUNK));
        assertEquals(1, harness.children().size());
        assertServedSpan(harness.children().get(0), w, true);
    }

    @ParameterizedTest
    @FieldSource("PROVIDERS")
    void streamRecordsTimeToFirstChunkAndTimePerOutputChunk(Wire w) {
        w.serves(server, true);
        call(true, w);
        Collection<MetricData> all = harness.collect();
        MetricData first = Harness.metric(all, "gen_ai.client.operation.time_to_first_chunk");
        assertEquals("s", first.getUnit());
        assertEquals(1, Harness.points(first).get(0).getCount());
        assertEquals(Instruments.SECONDS, Harness.points(first).get(0).getBoundaries());
        assertEquals(
                w.semconvProvider(),
                Harness.points(first).get(0).getAttributes().get(GenAi.PROVIDER_NAME));
        MetricData perChunk = Harness.metric(all, "gen_ai.client.operation.time_per_output_chunk");
        assertEquals("s", perChunk.getUnit());
        assertTrue(Harness.points(perChunk).get(0).getCount() >= 1, "chunks after the first");
        assertEquals(
                "s", Harness.metric(all, "gen_ai.client.operation.duration").getUnit());
        assertEquals("{token}", Harness.metric(all, "gen_ai.client.token.usage").getUnit());
    }

    private void assertFailedTries(List<SpanData> tries, Wire w, String errorType) {
        for (int i = 0; i < 2; i++) {
            SpanData t = tries.get(i);
            Attributes a = t.getAttributes();
            assertEquals("chat " + w.model(), t.getName());
            assertEquals(SpanKind.CLIENT, t.getKind());
            assertEquals(w.semconvProvider(), a.get(GenAi.PROVIDER_NAME));
            assertEquals(i + 1L, a.get(GenAi.ATTEMPT_NUMBER));
            assertEquals(errorType, a.get(GenAi.ERROR_TYPE));
            assertEquals((long) w.errorStatus(), a.get(GenAi.HTTP_STATUS));
            assertEquals("127.0.0.1", a.get(GenAi.SERVER_ADDRESS));
            assertEquals(StatusCode.ERROR, t.getStatus().getStatusCode());
        }
    }

    private void assertFailover(Wire w, boolean stream) {
        w.fails(server, stream);
        w.next().serves(server, stream);
        call(stream, w, w.next());
        List<SpanData> tries = harness.children();
        assertEquals(3, tries.size(), "two tries of the failing binding, one of the next: " + tries);
        assertFailedTries(tries, w, "ProviderUnavailableException");
        assertServedSpan(tries.get(2), w.next(), stream);
        SpanData call = harness.callSpan();
        assertServedSpan(call, w.next(), stream);
        assertEquals(3L, call.getAttributes().get(GenAi.ATTEMPTS));
    }

    @ParameterizedTest
    @FieldSource("PROVIDERS")
    void chatFailoverShowsEachFailedTryAndTheOneThatServed(Wire w) {
        assertFailover(w, false);
    }

    @ParameterizedTest
    @FieldSource("PROVIDERS")
    void streamFailoverShowsEachFailedTryAndTheOneThatServed(Wire w) {
        assertFailover(w, true);
    }

    private void assertError(Wire w, boolean stream) {
        w.fails(server, stream);
        LlmRingException e = failure(stream, w);
        String type = e.getClass().getSimpleName();
        assertFailedTries(harness.children(), w, type);
        SpanData call = harness.callSpan();
        Attributes a = call.getAttributes();
        assertEquals("chat " + w.model(), call.getName());
        assertEquals(StatusCode.ERROR, call.getStatus().getStatusCode());
        assertEquals(type, a.get(GenAi.ERROR_TYPE));
        assertEquals(w.semconvProvider(), a.get(GenAi.PROVIDER_NAME));
        assertEquals("error", a.get(GenAi.OUTCOME));
        assertEquals(2L, a.get(GenAi.ATTEMPTS));
        HistogramPointData point = Harness.points(Harness.metric(harness.collect(), "gen_ai.client.operation.duration"))
                .get(0);
        assertEquals(type, point.getAttributes().get(GenAi.ERROR_TYPE));
        assertEquals(w.semconvProvider(), point.getAttributes().get(GenAi.PROVIDER_NAME));
    }

    @ParameterizedTest
    @FieldSource("PROVIDERS")
    void chatErrorEndsTheCallSpanWithItsErrorType(Wire w) {
        assertError(w, false);
    }

    @ParameterizedTest
    @FieldSource("PROVIDERS")
    void streamErrorEndsTheCallSpanWithItsErrorType(Wire w) {
        assertError(w, true);
    }

    @ParameterizedTest
    @FieldSource("PROVIDERS")
    void theKeyEchoedByAnswersAndErrorsIsInNoSpanOrMetric(Wire w) {
        w.serves(server, false);
        call(false, w);
        w.serves(server, true);
        call(true, w);
        w.fails(server, false);
        w.next().serves(server, false);
        call(false, w, w.next());
        failure(false, w);
        assertTrue(
                harness.spans().size() >= 8,
                "spans recorded: " + harness.spans().size());
        harness.assertNowhere(Wire.KEY);
    }
}
