/**
 * The llmring client: {@code LlmRing}, requests, responses, streams, errors and routing, plus the provider SPI.
 */
module dev.llmring.core {
    requires transitive dev.llmring.lockfile;
    requires transitive java.net.http;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
    requires static org.bouncycastle.provider; // optional: only receipt verification needs it
    requires static transitive org.jspecify;

    exports dev.llmring;
    exports dev.llmring.spi;
    exports dev.llmring.receipts;
    exports dev.llmring.registry;
    exports dev.llmring.limits;

    uses dev.llmring.spi.ProviderFactory;
    uses dev.llmring.limits.LimiterFactory;
}
