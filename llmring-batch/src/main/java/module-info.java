/** Batch runs: many requests from a JSONL file by alias, journaled, resumable without paying twice, within budget. */
module dev.llmring.batch {
    requires transitive dev.llmring.core;
    requires com.fasterxml.jackson.databind;
    requires static transitive org.jspecify;

    uses dev.llmring.spi.ProviderFactory;

    exports dev.llmring.batch;
}
