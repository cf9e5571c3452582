package dev.llmring;

import org.jspecify.annotations.Nullable;

/** The provider refused the credentials (HTTP 401) or the permission (403). The router fails over, and logs it at WARN. */
public class AuthenticationException extends LlmRingException {
    private static final long serialVersionUID = 1L;

    public AuthenticationException(String message, ErrorDetails details, @Nullable Throwable cause) {
        super(message, details, cause);
    }

    public AuthenticationException(String message, ErrorDetails details) {
        super(message, details, null);
    }
}
