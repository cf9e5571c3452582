package dev.llmring.opentelemetry;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import java.util.List;

/** The GenAI client metrics, with the conventions' names, units and bucket advice. */
final class Instruments {
    /** Seconds, doubling from 10 ms to 81.92 s (operation duration, time to first chunk, time per chunk). */
    static final List<Double> SECONDS =
            List.of(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92);
    /** Tokens, powers of four from 1 to 4^13. */
    static final List<Long> TOKENS = List.of(
            1L, 4L, 16L, 64L, 256L, 1024L, 4096L, 16384L, 65536L, 262144L, 1048576L, 4194304L, 16777216L, 67108864L);

    private final DoubleHistogram duration;
    private final LongHistogram tokens;
    private final DoubleHistogram timeToFirstChunk;
    private final DoubleHistogram timePerOutputChunk;

    Instruments(Meter meter) {
        duration = seconds(meter, "gen_ai.client.operation.duration", "GenAI operation duration.");
        timeToFirstChunk = seconds(
                meter,
                "gen_ai.client.operation.time_to_first_chunk",
                "Time to receive the first chunk of a streamed answer.");
        timePerOutputChunk = seconds(
                meter,
                "gen_ai.client.operation.time_per_output_chunk",
                "Time between chunks of a streamed answer, after the first.");
        tokens = meter.histogramBuilder("gen_ai.client.token.usage")
                .setDescription("Number of input and output tokens used.")
                .setUnit("{token}")
                .ofLongs()
                .setExplicitBucketBoundariesAdvice(TOKENS)
                .build();
    }

    private static DoubleHistogram seconds(Meter meter, String name, String description) {
        return meter.histogramBuilder(name)
                .setDescription(description)
                .setUnit("s")
                .setExplicitBucketBoundariesAdvice(SECONDS)
                .build();
    }

    void duration(double seconds, Attributes attributes) {
        duration.record(seconds, attributes);
    }

    void timeToFirstChunk(double seconds, Attributes attributes) {
        timeToFirstChunk.record(seconds, attributes);
    }

    void timePerOutputChunk(double seconds, Attributes attributes) {
        timePerOutputChunk.record(seconds, attributes);
    }

    /** Records input and output tokens ({@code gen_ai.token.type} {@code input} / {@code output}). */
    void tokens(long input, long output, Attributes attributes) {
        tokens.record(
                input, attributes.toBuilder().put(GenAi.TOKEN_TYPE, "input").build());
        tokens.record(
                output, attributes.toBuilder().put(GenAi.TOKEN_TYPE, "output").build());
    }
}
