/**
 * The llmring latency lens: load profiles against aliases and bindings, latency measured from the scheduled send
 * time, HdrHistogram percentiles, and reports (JSONL, JSON, CSV, HTML).
 */
module dev.llmring.lens {
    requires transitive dev.llmring.core;
    requires HdrHistogram;
    requires com.fasterxml.jackson.databind;
    requires static transitive org.jspecify;

    exports dev.llmring.lens;
}
