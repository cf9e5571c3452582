package dev.llmring.providers.anthropic;

import dev.llmring.ErrorDetails;
import dev.llmring.InvalidRequestException;

/** Names the binding being encoded for, so that refusals say where they came from. */
record EncodeContext(String provider, String model) {

    /** A refusal to encode: the request uses something Anthropic cannot express. */
    InvalidRequestException invalid(String message) {
        return new InvalidRequestException(message, ErrorDetails.of(provider, model));
    }
}
