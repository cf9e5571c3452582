/** Test support for llmring users: the scripted provider, an offline stand-in for real providers. */
module dev.llmring.testing {
    requires transitive dev.llmring.core;
    requires com.fasterxml.jackson.databind;
    requires jdk.httpserver;
    requires static transitive org.jspecify;

    exports dev.llmring.testing;

// No "provides" here on purpose. Surefire (plexus-java) puts every module that provides a service a module
// on the module path uses onto the module path as well, where an application module's tests cannot read it
// ("does not read module dev.llmring.testing"). Without it, this test-scope jar stays on the class path, where
// the tests read it and ServiceLoader finds the scripted provider through META-INF/services. A module that
// requires dev.llmring.testing registers ScriptedProvider on the LlmRing builder instead.
}
