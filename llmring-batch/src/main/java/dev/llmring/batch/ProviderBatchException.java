package dev.llmring.batch;

import dev.llmring.ErrorDetails;
import dev.llmring.LlmRingException;

/**
 * Provider batch mode could not be used or a provider's batch API failed: a binding whose provider has no batch API in
 * this version, or a batch job request the provider refused. The message names the binding or the job, never a key.
 */
public class ProviderBatchException extends LlmRingException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, naming the binding or the provider's job id
     */
    public ProviderBatchException(String message) {
        super(message, ErrorDetails.none());
    }
}
