package dev.llmring.cli;

/**
 * A command could not do what it was asked, for a reason the user can act on. Printed as one line on stderr
 * ({@code llmring: <message>}), never with a stack trace unless {@code --verbose}.
 */
final class CliFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;
    private final String type;

    CliFailure(String message) {
        this(message, ExitCodes.FINDING);
    }

    CliFailure(String message, int exitCode) {
        this(message, exitCode, exitCode == ExitCodes.USAGE ? "usage" : "failed");
    }

    /** @param type the error's {@code type} in JSON output, lower case with underscores */
    CliFailure(String message, int exitCode, String type) {
        super(message);
        this.exitCode = exitCode;
        this.type = type;
    }

    int exitCode() {
        return exitCode;
    }

    String type() {
        return type;
    }
}
