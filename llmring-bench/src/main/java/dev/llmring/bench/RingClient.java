package dev.llmring.bench;

import dev.llmring.ChatRequest;
import dev.llmring.ChatResponse;
import dev.llmring.ChatStream;
import dev.llmring.LlmRing;
import dev.llmring.StreamEvent;
import dev.llmring.Usage;
import dev.llmring.lockfile.Format;
import dev.llmring.lockfile.Lockfile;
import java.net.URI;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * The same calls through llmring: a lockfile alias {@code chat} bound to {@code openai:gpt-4o-mini}, the OpenAI
 * adapter found by {@link java.util.ServiceLoader}, its base URL the fake server, default timeouts, retries and
 * breakers (for {@code https}, {@code sslContext} trusting the server's certificate). A stream is iterated event by event, text appended as it comes, then its assembled response asked for
 * the usage.
 */
final class RingClient implements BenchClient {
    private static final String LOCKFILE =
            """
            version = "1.0"
            default_profile = "default"

            [profiles.default]
            name = "default"

            [[profiles.default.bindings]]
            alias = "chat"
            models = ["openai:gpt-4o-mini"]
            """;

    private final LlmRing ring;
    private final ChatRequest request = ChatRequest.builder("chat")
            .system(SYSTEM)
            .user(USER)
            .temperature(TEMPERATURE)
            .maxOutputTokens(MAX_TOKENS)
            .build();

    /** {@code tls}: the context that trusts an {@code https} server's certificate (null for {@code http}). */
    RingClient(URI baseUrl, @Nullable SSLContext tls) {
        LlmRing.Builder b = LlmRing.builder()
                .lockfile(Lockfile.parse(LOCKFILE, Format.TOML, "bench.lock"))
                .environment(name -> null)
                .apiKey("openai", "test-key-123")
                .baseUrl("openai", baseUrl);
        if (tls != null) b.sslContext(tls);
        ring = b.build();
    }

    @Override
    public Answer chat() {
        ChatResponse r = ring.chat(request);
        Usage u = r.usage().orElseThrow();
        return new Answer(r.text(), u.inputTokens(), u.outputTokens());
    }

    @Override
    public Answer stream() {
        StringBuilder text = new StringBuilder();
        ChatResponse r;
        try (ChatStream stream = ring.stream(request)) {
            for (StreamEvent event : stream) {
                if (event instanceof StreamEvent.TextDelta d) text.append(d.text());
            }
            r = stream.response();
        }
        Usage u = r.usage().orElseThrow();
        return new Answer(text.toString(), u.inputTokens(), u.outputTokens());
    }

    @Override
    public void close() {
        ring.close();
    }
}
