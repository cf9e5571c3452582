/** Test support for llmring users: the scripted provider, an offline stand-in for real providers. */
module dev.llmring.testing {
    requires transitive dev.llmring.core;
    requires com.fasterxml.jackson.databind;
    requires jdk.httpserver;
    requires static transitive org.jspecify;

    exports dev.llmring.testing;

    provides dev.llmring.spi.ProviderFactory with
            dev.llmring.testing.ScriptedProvider;
}
