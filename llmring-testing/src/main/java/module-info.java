/** Test support for llmring users: the scripted provider and the provider contract test. */
module dev.llmring.testing {
    requires transitive dev.llmring.core;
    requires com.fasterxml.jackson.databind;
    requires org.junit.jupiter.api;
    requires static transitive org.jspecify;
}
