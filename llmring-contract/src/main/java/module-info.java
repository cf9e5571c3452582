/**
 * The provider contract test: one abstract JUnit 5 class every llmring adapter passes, shipped so that third-party
 * adapters can run it too. Add this artifact in {@code test} scope.
 */
@SuppressWarnings("requires-transitive-automatic") // WireMock's standalone jar has no module descriptor
module dev.llmring.contract {
    requires transitive dev.llmring.core;
    requires com.fasterxml.jackson.databind;
    requires transitive org.junit.jupiter.api;
    requires transitive wiremock.standalone;
    requires static transitive org.jspecify;

    exports dev.llmring.contract;

    opens dev.llmring.contract to
            org.junit.platform.commons; // the contract's lifecycle methods
}
