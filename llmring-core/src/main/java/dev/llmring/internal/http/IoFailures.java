package dev.llmring.internal.http;

import java.net.ConnectException;
import org.jspecify.annotations.Nullable;

/** How an I/O failure reads in a message: the JDK's HTTP client often gives none of its own. */
public final class IoFailures {
    private IoFailures() {}

    /**
     * The first message along the cause chain; for a {@link ConnectException} without any, what it means in words.
     *
     * @return the message, or null when the chain has none and the failure is not a failed connect
     */
    public static @Nullable String message(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            if (m != null && !m.isBlank()) return m;
        }
        return failure instanceof ConnectException
                ? "could not connect (nothing listening there, or the host is unreachable)"
                : null;
    }
}
