/**
 * {@link dev.llmring.opentelemetry.LlmRingTelemetry}: a listener that turns every llmring call into OpenTelemetry
 * spans (one per call, a child per attempt, skip and wait) and GenAI client metrics. Nothing is null unless marked
 * {@code @Nullable}.
 */
@NullMarked
package dev.llmring.opentelemetry;

import org.jspecify.annotations.NullMarked;
