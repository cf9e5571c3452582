/**
 * OpenTelemetry GenAI spans and metrics for llmring calls, on the OpenTelemetry API alone: the application brings the
 * SDK, and without one every call is a no-op.
 */
module dev.llmring.opentelemetry {
    requires transitive dev.llmring.core;
    requires transitive io.opentelemetry.api; // an automatic module (see the pom)
    requires io.opentelemetry.context;
    requires static transitive org.jspecify;

    exports dev.llmring.opentelemetry;
}
