package dev.llmring.bench;

import dev.llmring.ChatRequest;
import dev.llmring.ChatResponse;
import dev.llmring.ChatStream;
import dev.llmring.Cost;
import dev.llmring.LlmRing;
import dev.llmring.StreamEvent;
import dev.llmring.Usage;
import dev.llmring.lockfile.Format;
import dev.llmring.lockfile.Lockfile;
import java.net.URI;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * The same calls through llmring: a lockfile alias {@code chat} bound to {@code openai:gpt-4o-mini}, the OpenAI
 * adapter found by {@link java.util.ServiceLoader}, its base URL the fake server, default timeouts, retries and
 * breakers (for {@code https}, {@code sslContext} trusting the server's certificate), and the default registry reading
 * {@link BenchRegistry}'s disk cache, so that every call is priced (and checked to be). A stream is iterated event by
 * event, text appended as it comes, then its assembled response asked for the usage.
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
    private final @Nullable Path ownCache;
    private final ChatRequest request = ChatRequest.builder("chat")
            .system(SYSTEM)
            .user(USER)
            .temperature(TEMPERATURE)
            .maxOutputTokens(MAX_TOKENS)
            .build();

    /** {@code tls}: the context that trusts an {@code https} server's certificate (null for {@code http}). */
    RingClient(URI baseUrl, @Nullable SSLContext tls) {
        Path given = BenchRegistry.given();
        ownCache = given == null ? BenchRegistry.seed() : null;
        String cacheHome = (given == null ? ownCache : given).toString();
        LlmRing.Builder b = LlmRing.builder()
                .lockfile(Lockfile.parse(LOCKFILE, Format.TOML, "bench.lock"))
                .environment(name -> name.equals("XDG_CACHE_HOME") ? cacheHome : null)
                .apiKey("openai", "test-key-123")
                .baseUrl("openai", baseUrl);
        if (tls != null) b.sslContext(tls);
        ring = b.build();
    }

    @Override
    public Answer chat() {
        ChatResponse r = priced(ring.chat(request));
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
            r = priced(stream.response());
        }
        Usage u = r.usage().orElseThrow();
        return new Answer(text.toString(), u.inputTokens(), u.outputTokens());
    }

    /** The response, checked to be priced: a benchmark of llmring without its registry would measure less work. */
    private static ChatResponse priced(ChatResponse r) {
        Cost cost = r.cost().orElse(null);
        if (cost == null || !cost.isPriced()) {
            throw new IllegalStateException("the call was not priced from the bench registry: " + r.cost());
        }
        return r;
    }

    @Override
    public void close() {
        ring.close();
        if (ownCache != null) BenchRegistry.delete(ownCache);
    }
}
