package dev.llmring.bench;

import org.jspecify.annotations.Nullable;

/**
 * One way of making the benchmarked calls against the fake server: a non-streamed chat call and a streamed one read
 * to its end. Every implementation sends the same request and reads the answer into the same {@link Answer}.
 */
interface BenchClient extends AutoCloseable {
    String SYSTEM = "You are a terse assistant. Answer in one paragraph.";
    String USER = "Summarise the plot of a short story about a fox and a dog in a few sentences.";
    double TEMPERATURE = 0.2;
    int MAX_TOKENS = 256;

    /** What a caller keeps of an answer: its text and its token counts. */
    record Answer(String text, long inputTokens, long outputTokens) {}

    Answer chat() throws Exception;

    Answer stream() throws Exception;

    @Override
    void close();

    /**
     * A client of {@code kind} for the server at {@code baseUrl}; {@code tls} is the context trusting the server's
     * certificate for an {@code https} URL (null for {@code http}).
     */
    static BenchClient create(String kind, java.net.URI baseUrl, javax.net.ssl.@Nullable SSLContext tls)
            throws Exception {
        return switch (kind) {
            case "raw" -> new RawClient(baseUrl, tls);
            case "llmring" -> new RingClient(baseUrl, tls);
            case "socket" -> new SocketClient(baseUrl, tls);
            default -> throw new IllegalArgumentException("unknown client '" + kind + "' (raw, llmring, socket)");
        };
    }
}
