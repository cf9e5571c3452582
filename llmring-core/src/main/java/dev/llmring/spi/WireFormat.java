package dev.llmring.spi;

/** How a provider frames a streamed answer. */
public enum WireFormat {
    /** Server-sent events ({@code text/event-stream}): LF or CRLF line endings, comments, multi-line data. */
    SSE,
    /** One JSON object per line ({@code application/x-ndjson}). */
    NDJSON
}
