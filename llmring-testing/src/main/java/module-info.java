/** Test support for llmring users: the scripted provider and the provider contract test. */
module dev.llmring.testing {
    requires transitive dev.llmring.core;
    requires com.fasterxml.jackson.databind;
    requires jdk.httpserver;
    requires org.junit.jupiter.api;
    requires static transitive org.jspecify;

    exports dev.llmring.testing;

    provides dev.llmring.spi.ProviderFactory with dev.llmring.testing.ScriptedProvider;
}
