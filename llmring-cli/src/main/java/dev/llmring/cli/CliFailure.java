package dev.llmring.cli;

/**
 * A command could not do what it was asked, for a reason the user can act on. Printed as one line on stderr
 * ({@code llmring: <message>}), never with a stack trace unless {@code --verbose}.
 */
final class CliFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    CliFailure(String message) {
        this(message, ExitCodes.FINDING);
    }

    CliFailure(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
