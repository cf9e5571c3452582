package dev.llmring.spi;

/**
 * What kind of failure a provider reported. The core maps each kind to one exception type and one routing rule
 * (see the README's error table).
 */
public enum ErrorKind {
    /** 400/422: the request is invalid. No retry, no failover. */
    INVALID_REQUEST,
    /** The request does not fit the context window. Failover only to a larger window. */
    CONTEXT_WINDOW_EXCEEDED,
    /** 401/403: bad key or no permission. Failover, loudly. */
    AUTHENTICATION,
    /** 404 or a model-not-found error. Failover. */
    MODEL_NOT_FOUND,
    /** 429: rate limited. Retry honouring the delay, then failover. */
    RATE_LIMITED,
    /** 529 or an {@code overloaded_error}. Retry, then failover. */
    OVERLOADED,
    /** 408, 409, 5xx: the provider could not serve now. Retry, then failover. */
    UNAVAILABLE,
    /** The answer could not be understood (malformed JSON, broken stream). Failover before content; error after. */
    MALFORMED_RESPONSE
}
