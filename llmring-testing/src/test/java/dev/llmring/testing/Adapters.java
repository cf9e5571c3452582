package dev.llmring.testing;

import dev.llmring.spi.ProviderAdapter;
import dev.llmring.spi.ProviderConfig;
import java.util.Map;

/** Adapters for tests, with an injected (empty unless given) environment. */
final class Adapters {
    private Adapters() {}

    static ProviderAdapter of(Script... scripts) {
        return of(Map.of(), scripts);
    }

    static ProviderAdapter of(Map<String, String> env, Script... scripts) {
        ScriptedProvider.Builder b = ScriptedProvider.builder();
        for (Script s : scripts) b.script(s);
        return b.build()
                .create(ProviderConfig.builder("scripted").environment(env::get).build());
    }
}
