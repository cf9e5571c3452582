package dev.llmring;

import org.jspecify.annotations.Nullable;

/** A remote URL in a request was refused by the safe fetcher; the URL is not sent to the provider either. */
public class RemoteUrlRefusedException extends LlmRingException {
    private static final long serialVersionUID = 1L;

    public RemoteUrlRefusedException(String message, ErrorDetails details, @Nullable Throwable cause) {
        super(message, details, cause);
    }

    public RemoteUrlRefusedException(String message, ErrorDetails details) {
        super(message, details, null);
    }

}
