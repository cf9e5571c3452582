/** The {@code llmring} command-line tool. Exports nothing: it is run, not linked against. */
module dev.llmring.cli {
    requires dev.llmring.core;
    requires dev.llmring.batch;
    requires dev.llmring.redis; // batch enqueue, batch work
    requires lettuce.core;
    requires me.tongfei.progressbar;
    requires jdk.unsupported; // sun.misc.Signal: batch runs stop gracefully on SIGINT/SIGTERM, exit 3
    requires dev.llmring.lens;
    requires info.picocli;
    requires com.fasterxml.jackson.databind;
    // receipt signatures: optional for the library, always there in the tool
    requires org.bouncycastle.provider;
    requires static transitive org.jspecify;

    uses dev.llmring.spi.ProviderFactory;

    // picocli reads and writes the command objects' annotated fields by reflection
    opens dev.llmring.cli to
            info.picocli;
}
