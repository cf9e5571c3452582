package dev.llmring.internal.http;

import java.io.IOException;

/** A response body passed its cap while it was being read; the exchange was cancelled. */
final class BodyTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    BodyTooLargeException(long maxBytes) {
        super("response body larger than " + maxBytes + " bytes");
    }
}
