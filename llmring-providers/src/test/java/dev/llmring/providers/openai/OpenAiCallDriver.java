package dev.llmring.providers.openai;

import dev.llmring.ChatRequest;
import dev.llmring.ChatStream;
import dev.llmring.LlmRing;
import dev.llmring.lockfile.Format;
import dev.llmring.lockfile.Lockfile;
import java.net.URI;
import java.util.function.Function;

/**
 * A plain chat call and a plain stream through llmring's public API, for {@link NoDatabindOnAnOpenAiCallTest} to run
 * inside a class loader of its own: it takes the OpenAI base URL and answers both texts. It refers to llmring's API and
 * the JDK only.
 */
public final class OpenAiCallDriver implements Function<String, String> {
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

    @Override
    public String apply(String baseUrl) {
        try (LlmRing ring = LlmRing.builder()
                .lockfile(Lockfile.parse(LOCKFILE, Format.TOML, "test.lock"))
                .environment(name -> null)
                .apiKey("openai", "test-key-123")
                .baseUrl("openai", URI.create(baseUrl))
                .noRegistry()
                .build()) {
            ChatRequest request = ChatRequest.builder("chat").user("Say hello.").build();
            String chat = ring.chat(request).text();
            String streamed;
            try (ChatStream stream = ring.stream(request)) {
                streamed = stream.response().text();
            }
            return chat + "\n" + streamed;
        }
    }
}
