package dev.llmring.internal.fetch;

import java.io.IOException;

/** The server's bytes are not the HTTP/1.1 response this client understands. */
final class MalformedResponseException extends IOException {
    private static final long serialVersionUID = 1L;

    MalformedResponseException(String message) {
        super(message);
    }
}
