package dev.llmring.providers.fuzz;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Everything a failure shows a user: messages, causes and suppressed exceptions to the bottom, with traces. */
final class Rendering {
    private Rendering() {}

    static String of(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        if (t instanceof dev.llmring.LlmRingException e) {
            out.append(e.details().toString()).append('\n');
            e.trace().ifPresent(trace -> out.append(trace.toString()));
            e.requestId().ifPresent(out::append);
        }
        return out.toString();
    }
}
