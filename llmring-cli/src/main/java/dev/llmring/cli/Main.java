package dev.llmring.cli;

/** Entry point of {@code llmring}: {@code java -jar llmring.jar [options] command …}. */
public final class Main {
    private Main() {}

    /**
     * Runs the command line and exits with its status: 0 success, 1 a finding or a failure, 2 a usage error.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        boolean verbose = false;
        for (String arg : args) {
            if ("--verbose".equals(arg) || "-v".equals(arg)) {
                verbose = true;
            }
        }
        // before any logger exists: the library's SLF4J warnings go to stderr, debug detail only when verbose
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "warn");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
        System.setProperty("org.slf4j.simpleLogger.levelInBrackets", "true");
        System.exit(Cli.run(args, CliContext.system()));
    }
}
