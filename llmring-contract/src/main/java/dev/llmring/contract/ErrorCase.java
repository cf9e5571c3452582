package dev.llmring.contract;

/**
 * The provider failures the contract covers. A subclass stubs each one as its provider really sends it (status,
 * headers, error body) in {@link ContractHarness#stubError}; {@link ContractHarness#statusOf} says which HTTP status
 * that is when it differs from the usual one.
 */
public enum ErrorCase {
    /** The provider rejects the request as invalid (usually 400): {@link dev.llmring.InvalidRequestException}. */
    INVALID_REQUEST,
    /** The provider rejects the credentials (usually 401): {@link dev.llmring.AuthenticationException}. */
    AUTHENTICATION,
    /** The model does not exist (usually 404): {@link dev.llmring.ModelNotFoundException}. */
    MODEL_NOT_FOUND,
    /**
     * Too many requests (429), asking to wait {@link ContractScript#RATE_LIMIT_DELAY} the provider's way
     * ({@code Retry-After}, {@code retry-after-ms}, or a delay in the body): {@link dev.llmring.RateLimitException}.
     */
    RATE_LIMITED,
    /** An internal server error (usually 500): {@link dev.llmring.ProviderUnavailableException}. */
    SERVER_ERROR,
    /** The provider is overloaded (503, or 529 for Anthropic): {@link dev.llmring.ProviderUnavailableException}. */
    OVERLOADED
}
