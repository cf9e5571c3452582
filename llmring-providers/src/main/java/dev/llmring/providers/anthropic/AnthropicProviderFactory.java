package dev.llmring.providers.anthropic;

import dev.llmring.spi.ProviderAdapter;
import dev.llmring.spi.ProviderConfig;
import dev.llmring.spi.ProviderFactory;
import java.util.List;
import java.util.Objects;

/** Creates the Anthropic adapter: provider {@code anthropic}, key from {@code ANTHROPIC_API_KEY}. */
public final class AnthropicProviderFactory implements ProviderFactory {
    static final String KEY_ENV = "ANTHROPIC_API_KEY";

    /** The provider name, also the {@link dev.llmring.ReasoningPart#provider()} of the parts Anthropic produces. */
    static final String NAME = "anthropic";

    /** For {@link java.util.ServiceLoader}. */
    public AnthropicProviderFactory() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> apiKeyEnvironmentVariables() {
        return List.of(KEY_ENV);
    }

    @Override
    public ProviderAdapter create(ProviderConfig config) {
        return new AnthropicAdapter(Objects.requireNonNull(config, "config"));
    }
}
