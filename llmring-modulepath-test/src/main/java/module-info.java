/** An application module as the README shows it: it requires llmring's core and nothing else. */
module dev.llmring.modulepath {
    requires dev.llmring.core;
    requires static transitive org.jspecify;
}
