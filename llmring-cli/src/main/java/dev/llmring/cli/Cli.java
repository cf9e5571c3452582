package dev.llmring.cli;

import dev.llmring.LlmRingException;
import dev.llmring.lockfile.LockfileException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Builds the command line over a {@link CliContext} and runs it, mapping every outcome to an exit status. */
final class Cli {
    private Cli() {}

    /**
     * Runs one command line.
     *
     * @return 0 success, 1 a finding or failure, 2 a usage error
     */
    static int run(String[] args, CliContext context) {
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(context, "context");
        CommandLine cmd = commandLine(context);
        int code = cmd.execute(args);
        context.out.flush();
        context.err.flush();
        return code;
    }

    static CommandLine commandLine(CliContext context) {
        Session session = new Session(context);
        CommandLine cmd = new CommandLine(new LlmringCommand(session), new Factory(session));
        cmd.setOut(context.out);
        cmd.setErr(context.err);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setParameterExceptionHandler(
                (e, args) -> usageError(e, Arrays.asList(args).contains("--json")));
        cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> failure(e, session));
        cmd.setExecutionStrategy(parseResult -> {
            if (CommandLine.printHelpIfRequested(parseResult)) return ExitCodes.OK;
            try {
                session.factories(); // a bad --provider-endpoint or LLMRING_PROVIDER_ENDPOINTS fails every command
            } catch (CliFailure e) {
                return failure(e, session);
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        return cmd;
    }

    /** A usage error found while a command runs (exit 2, with the "--help" hint), as picocli reports its own. */
    static CommandLine.ParameterException usage(@Nullable CommandSpec spec, String message) {
        if (spec == null) throw new IllegalStateException(message); // picocli injects the spec before call()
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private static int usageError(CommandLine.ParameterException e, boolean json) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println("llmring: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, cmd.getErr());
        cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        if (json) ErrorJson.print(cmd.getOut(), "usage", e.getMessage(), ExitCodes.USAGE, e);
        return ExitCodes.USAGE;
    }

    private static int failure(Exception e, Session session) {
        var err = session.context().err;
        int code = ExitCodes.FINDING;
        String message;
        if (e instanceof CliFailure failure) {
            message = failure.getMessage();
            code = failure.exitCode();
        } else if (e instanceof CommandLine.ParameterException p) {
            return usageError(p, session.jsonRequested());
        } else if (e instanceof LockfileException
                || e instanceof LlmRingException
                || e instanceof IllegalArgumentException
                || e instanceof IllegalStateException) {
            message = Session.forCommandLine(String.valueOf(e.getMessage()));
        } else {
            message = "unexpected " + e.getClass().getName() + ": " + e.getMessage()
                    + (session.verbose() ? "" : " (run with --verbose for details)");
        }
        err.println("llmring: " + message);
        if (session.verbose()) {
            e.printStackTrace(err);
        }
        err.flush();
        if (session.jsonRequested()) ErrorJson.print(session.out(), ErrorJson.type(e), message, code, e);
        return code;
    }

    /** Gives every command that wants one the session, through a constructor taking it. */
    private static final class Factory implements CommandLine.IFactory {
        private final Session session;
        private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

        Factory(Session session) {
            this.session = session;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            Constructor<K> withSession;
            try {
                withSession = cls.getDeclaredConstructor(Session.class);
            } catch (NoSuchMethodException e) {
                return fallback.create(cls);
            }
            try {
                return withSession.newInstance(session);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }
    }
}
