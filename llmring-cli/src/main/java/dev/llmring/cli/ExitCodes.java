package dev.llmring.cli;

/** The exit statuses of every command. */
final class ExitCodes {
    /** Done, nothing to report. */
    static final int OK = 0;
    /** A finding (validation problem, drift, no usable binding) or a failure (file, registry, provider). */
    static final int FINDING = 1;
    /** The command line itself is wrong (picocli's default for parameter errors). */
    static final int USAGE = 2;

    private ExitCodes() {}
}
