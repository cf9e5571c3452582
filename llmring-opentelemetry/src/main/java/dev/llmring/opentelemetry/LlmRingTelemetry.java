package dev.llmring.opentelemetry;

import dev.llmring.LlmRingListener;
import io.opentelemetry.api.OpenTelemetry;
import java.util.Objects;

/**
 * OpenTelemetry for llmring: a listener that records every call as spans and metrics following the OpenTelemetry
 * GenAI semantic conventions. Register it on the client:
 *
 * <pre>{@code
 * LlmRing ring = LlmRing.builder()
 *         .listener(LlmRingTelemetry.create(GlobalOpenTelemetry.get()))
 *         .build();
 * }</pre>
 *
 * <p>Each call is a {@code CLIENT} span named {@code chat {model}}, a child of the span current on the calling thread
 * when the call started; each try of a binding is a child {@code CLIENT} span of it, each skipped binding and each
 * rate-limit wait a child {@code INTERNAL} span. The metrics are {@code gen_ai.client.operation.duration},
 * {@code gen_ai.client.token.usage}, {@code gen_ai.client.operation.time_to_first_chunk} and {@code
 * gen_ai.client.operation.time_per_output_chunk}. docs/observability.md lists every attribute.
 *
 * <p>Only the OpenTelemetry API is used: with no SDK installed (or {@link OpenTelemetry#noop()}) every span and
 * point is a no-op. Prompts and answers are recorded only after {@link Builder#captureContent(boolean)
 * captureContent(true)}; keys never are.
 */
public final class LlmRingTelemetry {
    /** The instrumentation scope name of the tracer and the meter. */
    public static final String INSTRUMENTATION_NAME = "dev.llmring.opentelemetry";

    private LlmRingTelemetry() {}

    /**
     * A listener recording spans and metrics through {@code openTelemetry}, without content.
     *
     * @param openTelemetry the application's OpenTelemetry, e.g. {@code GlobalOpenTelemetry.get()}
     * @return the listener, for {@code LlmRing.Builder#listener}
     */
    public static LlmRingListener create(OpenTelemetry openTelemetry) {
        return builder(openTelemetry).build();
    }

    /**
     * A builder for a listener with options.
     *
     * @param openTelemetry the application's OpenTelemetry, e.g. {@code GlobalOpenTelemetry.get()}
     * @return a builder that does not capture content
     */
    public static Builder builder(OpenTelemetry openTelemetry) {
        return new Builder(Objects.requireNonNull(openTelemetry, "openTelemetry"));
    }

    /** Options of the listener. */
    public static final class Builder {
        private final OpenTelemetry openTelemetry;
        private boolean captureContent;

        private Builder(OpenTelemetry openTelemetry) {
            this.openTelemetry = openTelemetry;
        }

        /**
         * Whether to record prompts and answers on the call span ({@code gen_ai.system_instructions}, {@code
         * gen_ai.input.messages}, {@code gen_ai.output.messages}); off by default, since they may hold personal or
         * confidential data. Even then, any configured API key found in them is replaced by {@code <redacted>}, and
         * media bytes are never recorded.
         *
         * @param capture true to record content
         * @return this builder
         */
        public Builder captureContent(boolean capture) {
            this.captureContent = capture;
            return this;
        }

        /** {@return the listener, for {@code LlmRing.Builder#listener}} */
        public LlmRingListener build() {
            return new TelemetryListener(
                    openTelemetry.getTracer(INSTRUMENTATION_NAME),
                    new Instruments(openTelemetry.getMeter(INSTRUMENTATION_NAME)),
                    captureContent);
        }
    }
}
