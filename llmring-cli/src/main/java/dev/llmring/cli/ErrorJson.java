package dev.llmring.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmring.LlmRingException;
import dev.llmring.lockfile.LockfileException;
import dev.llmring.lockfile.LockfileNotFoundException;
import dev.llmring.registry.RegistryException;
import dev.llmring.registry.RegistryUnavailableException;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The JSON a failed command prints on stdout with {@code --json}: one object on one line,
 * {@code {"error": {"type", "message", "exit_code", ...}}}, plus {@code file}, {@code line}, {@code column},
 * {@code field} for a lockfile error and {@code provider}, {@code status}, {@code retryable} for a library error.
 */
final class ErrorJson {
    private ErrorJson() {}

    static void print(PrintWriter out, String type, String message, int exitCode, Throwable e) {
        ObjectNode root = Session.mapper().createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("type", type);
        error.put("message", message);
        error.put("exit_code", exitCode);
        if (e instanceof LockfileException l) {
            error.put("file", l.file().orElse(null));
            if (l.line() > 0) error.put("line", l.line()).put("column", l.column());
            error.put("field", l.field().orElse(null));
        }
        if (e instanceof LlmRingException l) {
            l.provider().ifPresent(p -> error.put("provider", p));
            if (l.status() > 0) error.put("status", l.status());
            error.put("retryable", l.isRetryable());
        }
        out.println(root.toString());
        out.flush();
    }

    /**
     * The error's type: {@code usage}, {@code lockfile_not_found}, {@code lockfile_invalid},
     * {@code registry_unavailable}, {@code registry}, the library exception's name in snake case without
     * "Exception" ({@code connection}, {@code no_usable_binding}, ...), {@code invalid_argument}, or {@code unexpected}.
     */
    static String type(Throwable e) {
        if (e instanceof CliFailure f) return f.type();
        if (e instanceof LockfileNotFoundException) return "lockfile_not_found";
        if (e instanceof LockfileException) return "lockfile_invalid";
        if (e instanceof RegistryUnavailableException) return "registry_unavailable";
        if (e instanceof RegistryException) return "registry";
        if (e instanceof LlmRingException) {
            String name = e.getClass().getSimpleName().replaceAll("Exception$", "");
            return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        }
        if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) return "invalid_argument";
        return "unexpected";
    }
}
