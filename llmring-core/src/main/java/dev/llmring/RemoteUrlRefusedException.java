package dev.llmring;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A remote URL in a request was refused by the safe fetcher; the URL is not sent to the provider either.
 * {@link #rule()} names the rule that refused it. The message names the rule and the URL's scheme, host and path,
 * never its user info or query string.
 *
 * @see RemoteUrlPolicy
 */
public class RemoteUrlRefusedException extends LlmRingException {
    private static final long serialVersionUID = 1L;

    /** The rule of the safe fetcher that refused a URL. New rules may be added in later versions. */
    public enum Rule {
        /** Fetching remote URLs is switched off (the default). */
        DISABLED,
        /** The scheme is not {@code https}. */
        SCHEME,
        /** The URL cannot be parsed unambiguously (bad host, bad port, control characters, backslashes, ...). */
        MALFORMED_URL,
        /** The URL carries user info ({@code user@host}). */
        USERINFO,
        /** The host is not on the policy's host allowlist. */
        HOST_NOT_ALLOWED,
        /** The host name could not be resolved. */
        UNRESOLVABLE_HOST,
        /** The host is, or resolves to, an address that is not public (loopback, private, link-local, ...). */
        NON_PUBLIC_ADDRESS,
        /** No connection could be made, or it broke while reading. */
        CONNECTION_FAILED,
        /** The TLS handshake failed, e.g. the certificate is not valid for the host name. */
        TLS,
        /** The server answered with a redirect, which is never followed. */
        REDIRECT,
        /** The server answered with a status other than 200. */
        HTTP_STATUS,
        /** The server's response is not well-formed HTTP/1.1. */
        MALFORMED_RESPONSE,
        /** The body is larger than the policy allows. */
        TOO_LARGE,
        /** The declared content type is missing or not on the policy's allowlist. */
        CONTENT_TYPE,
        /** The body's leading bytes do not match the declared content type. */
        CONTENT_MISMATCH,
        /** A connect, read or total time bound was exceeded. */
        TIMEOUT,
        /** Any other reason (used by the constructors that name no rule). */
        OTHER
    }

    /** The rule that refused the URL. */
    private final Rule rule;

    /**
     * Creates the exception for a URL refused by one rule.
     *
     * @param message what was refused and why; must not contain user info, query strings or secrets
     * @param rule the rule that refused the URL
     * @param cause the underlying failure (e.g. the I/O error of a failed connection), or {@code null}
     */
    public RemoteUrlRefusedException(String message, Rule rule, @Nullable Throwable cause) {
        super(message, ErrorDetails.none(), cause);
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    /**
     * Creates the exception with the rule {@link Rule#OTHER}.
     *
     * @param message what was refused and why; must not contain user info, query strings or secrets
     * @param details where the call was when the URL was refused
     * @param cause the underlying failure, or {@code null}
     */
    public RemoteUrlRefusedException(String message, ErrorDetails details, @Nullable Throwable cause) {
        super(message, details, cause);
        this.rule = Rule.OTHER;
    }

    /**
     * Creates the exception with the rule {@link Rule#OTHER} and no cause.
     *
     * @param message what was refused and why; must not contain user info, query strings or secrets
     * @param details where the call was when the URL was refused
     */
    public RemoteUrlRefusedException(String message, ErrorDetails details) {
        super(message, details, null);
        this.rule = Rule.OTHER;
    }

    /** {@return the rule that refused the URL} */
    public Rule rule() {
        return rule;
    }
}
