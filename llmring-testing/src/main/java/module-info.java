/** Test support for llmring users: the scripted provider and the provider contract test. */
@SuppressWarnings("requires-transitive-automatic") // WireMock's standalone jar has no module descriptor
module dev.llmring.testing {
    requires transitive dev.llmring.core;
    requires com.fasterxml.jackson.databind;
    requires transitive org.junit.jupiter.api;
    requires transitive wiremock.standalone;
    requires static transitive org.jspecify;

    exports dev.llmring.testing.contract;
    opens dev.llmring.testing.contract to org.junit.platform.commons; // the contract's lifecycle methods
}
