/** The {@code llmring} command-line tool. */
module dev.llmring.cli {
    requires dev.llmring.core;
    requires info.picocli;
    requires static transitive org.jspecify;
}
