/** Small runnable programs, one idea each. */
module dev.llmring.examples {
    requires dev.llmring.core;
    requires static transitive org.jspecify;
}
