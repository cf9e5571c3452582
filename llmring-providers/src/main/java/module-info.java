/** Provider adapters for llmring, found by {@link java.util.ServiceLoader}. */
module dev.llmring.providers {
    requires dev.llmring.core;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
    requires static transitive org.jspecify;

    provides dev.llmring.spi.ProviderFactory with
            dev.llmring.providers.anthropic.AnthropicProviderFactory,
            dev.llmring.providers.google.GoogleProviderFactory,
            dev.llmring.providers.ollama.OllamaProviderFactory,
            dev.llmring.providers.openai.OpenAiProviderFactory;
}
