package dev.llmring.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.llmring.CircuitBreakerPolicy;
import dev.llmring.LlmRing;
import dev.llmring.LlmRingListener;
import dev.llmring.RetryPolicy;
import dev.llmring.lockfile.Lockfile;
import dev.llmring.lockfile.ModelRef;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * An OpenTelemetry SDK exporting to memory, and clients whose four providers are served by one loopback WireMock
 * server, each under its own path, every one configured with {@link Wire#KEY}.
 */
final class Harness {
    static final String ALIAS = "summarizer";

    final InMemorySpanExporter spans = InMemorySpanExporter.create();
    final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(spans))
                    .build())
            .setMeterProvider(
                    SdkMeterProvider.builder().registerMetricReader(metrics).build())
            .build();
    private final WireMockServer server;

    Harness(WireMockServer server) {
        this.server = server;
    }

    /** A client whose alias {@link #ALIAS} is bound to {@code pool}, in order; two tries per binding. */
    LlmRing ring(LlmRingListener listener, Wire... pool) {
        return ring(listener, b -> b, pool);
    }

    LlmRing ring(LlmRingListener listener, UnaryOperator<LlmRing.Builder> more, Wire... pool) {
        List<String> bindings = new ArrayList<>();
        for (Wire w : pool) bindings.add(w.binding());
        return ring(listener, more, bindings);
    }

    /** A client whose alias {@link #ALIAS} is bound to {@code bindings} ({@code provider:model}), in order. */
    LlmRing ring(LlmRingListener listener, UnaryOperator<LlmRing.Builder> more, List<String> bindings) {
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        List<ModelRef> refs = new ArrayList<>();
        for (String b : bindings) refs.add(ModelRef.parse(b));
        LlmRing.Builder b = LlmRing.builder()
                .lockfile(Lockfile.empty(clock).bind("default", ALIAS, refs, clock))
                .environment(Map.<String, String>of()::get)
                .noRegistry()
                .retryPolicy(RetryPolicy.builder().maxAttempts(2).build())
                .sleeper(d -> {})
                .circuitBreaker(CircuitBreakerPolicy.disabled())
                .listener(listener);
        for (Wire w : Wire.ALL) {
            b.baseUrl(w.provider(), w.baseUrl(server));
            if (!w.provider().equals("ollama")) b.apiKey(w.provider(), Wire.KEY);
        }
        return more.apply(b).build();
    }

    List<SpanData> spans() {
        return spans.getFinishedSpanItems();
    }

    /** The span of the call: the one whose parent is not another finished span. */
    SpanData callSpan() {
        List<SpanData> all = spans();
        List<SpanData> roots = all.stream()
                .filter(s -> all.stream().noneMatch(p -> p.getSpanId().equals(s.getParentSpanId())))
                .toList();
        assertEquals(1, roots.size(), "call spans in " + all);
        return roots.get(0);
    }

    /** The children of the call span, in the order they started. */
    List<SpanData> children() {
        SpanData call = callSpan();
        return spans().stream()
                .filter(s -> s.getParentSpanId().equals(call.getSpanId()))
                .sorted((a, b) -> Long.compare(a.getStartEpochNanos(), b.getStartEpochNanos()))
                .toList();
    }

    Collection<MetricData> collect() {
        return metrics.collectAllMetrics();
    }

    static MetricData metric(Collection<MetricData> all, String name) {
        return all.stream()
                .filter(m -> m.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no metric " + name + " in "
                        + all.stream().map(MetricData::getName).toList()));
    }

    static List<HistogramPointData> points(MetricData m) {
        return List.copyOf(m.getHistogramData().getPoints());
    }

    /** Fails when {@code secret} is in any span name, status, attribute or event, or any metric point's attributes. */
    void assertNowhere(String secret) {
        for (SpanData s : spans()) {
            assertFalse(s.getName().contains(secret), "span name " + s.getName());
            assertFalse(s.getStatus().getDescription().contains(secret), "status of " + s.getName());
            assertClean(s.getAttributes(), secret, s.getName());
            for (EventData e : s.getEvents()) {
                assertFalse(e.getName().contains(secret), "event " + e.getName());
                assertClean(e.getAttributes(), secret, s.getName() + " event " + e.getName());
            }
        }
        for (MetricData m : collect()) {
            for (HistogramPointData p : m.getHistogramData().getPoints()) {
                assertClean(p.getAttributes(), secret, m.getName());
            }
        }
    }

    private static void assertClean(Attributes attributes, String secret, String where) {
        attributes.forEach((k, v) -> assertFalse(String.valueOf(v).contains(secret), where + ": " + k + "=" + v));
    }
}
