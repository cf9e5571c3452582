package dev.llmring;

import org.jspecify.annotations.Nullable;

/**
 * The provider refused the credentials (HTTP 401) or the permission (403). The router fails over, and logs it at WARN.
 */
public class AuthenticationException extends LlmRingException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with its cause.
     *
     * @param message what happened, in words; never a key, a prompt or a request body
     * @param details where and how the call failed (provider, model, status, request id …)
     * @param cause the underlying failure, or {@code null} when there is none
     */
    public AuthenticationException(String message, ErrorDetails details, @Nullable Throwable cause) {
        super(message, details, cause);
    }

    /**
     * Creates the exception without a cause.
     *
     * @param message what happened, in words; never a key, a prompt or a request body
     * @param details where and how the call failed (provider, model, status, request id …)
     */
    public AuthenticationException(String message, ErrorDetails details) {
        super(message, details, null);
    }
}
