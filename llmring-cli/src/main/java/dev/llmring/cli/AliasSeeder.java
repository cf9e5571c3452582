package dev.llmring.cli;

import dev.llmring.lockfile.ModelRef;
import dev.llmring.registry.ModelInfo;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the models {@code lock init} seeds, per provider, from the registry's current data. The rule (documented in
 * docs/cli.md):
 * <ol>
 *   <li>Candidates: active, no deprecation date, input and output priced, output price above zero, and not a
 *       special-purpose model by name (embeddings, speech, images, moderation, search, deep research…).
 *   <li>Blended price = (3 × input + output) / 4 dollars per million tokens (a 3:1 input-to-output mix).
 *   <li>{@code fast}: the cheapest by blended price.
 *   <li>{@code balanced}: the median by blended price (the lower of the two middle ones).
 *   <li>{@code deep}: among candidates priced from {@code balanced} up to ten times it, the most expensive
 *       reasoning model ({@code is_reasoning_model} or {@code supports_thinking}); if there is none, the most
 *       expensive of them. The cap keeps premium "pro" tiers out of a default.
 * </ol>
 * Ties go to the larger context window, then to the model name. Pools list one model per provider, providers in
 * alphabetical order.
 */
final class AliasSeeder {
    static final List<String> ALIASES = List.of("fast", "balanced", "deep");

    /** Words in a model name that mark a special-purpose model (matched as substrings, case-insensitively). */
    private static final List<String> SPECIAL_PURPOSE = List.of(
            "embed",
            "tts",
            "whisper",
            "transcri",
            "audio",
            "realtime",
            "image",
            "dall-e",
            "moderation",
            "search",
            "deep-research",
            "computer-use");

    private static final BigDecimal DEEP_CAP = BigDecimal.TEN;

    private AliasSeeder() {}

    /** The picks of one provider, by alias; empty when it has no candidate. */
    static Map<String, ModelInfo> pick(List<ModelInfo> models) {
        List<ModelInfo> candidates = new ArrayList<>();
        for (ModelInfo m : models) {
            if (isCandidate(m)) candidates.add(m);
        }
        if (candidates.isEmpty()) return Map.of();
        Comparator<ModelInfo> byPrice = Comparator.comparing(AliasSeeder::blended)
                .thenComparing(m -> -m.maxInputTokens().orElse(0))
                .thenComparing(ModelInfo::modelName);
        candidates.sort(byPrice);
        ModelInfo fast = candidates.get(0);
        ModelInfo balanced = candidates.get((candidates.size() - 1) / 2);
        BigDecimal floor = blended(balanced);
        BigDecimal cap = floor.multiply(DEEP_CAP);
        List<ModelInfo> upper = candidates.stream()
                .filter(m -> blended(m).compareTo(floor) >= 0 && blended(m).compareTo(cap) <= 0)
                .toList();
        List<ModelInfo> reasoning = upper.stream()
                .filter(m -> m.isReasoningModel() || m.supportsThinking())
                .toList();
        List<ModelInfo> deepPool = reasoning.isEmpty() ? upper : reasoning;
        Comparator<ModelInfo> mostCapable = Comparator.comparing(AliasSeeder::blended)
                .thenComparing(m -> m.maxInputTokens().orElse(0))
                .thenComparing(ModelInfo::modelName, Comparator.reverseOrder());
        ModelInfo deep = deepPool.stream().max(mostCapable).orElse(balanced);
        Map<String, ModelInfo> picks = new LinkedHashMap<>();
        picks.put("fast", fast);
        picks.put("balanced", balanced);
        picks.put("deep", deep);
        return picks;
    }

    /** Pools by alias: for each alias, each provider's pick, providers in the map's (alphabetical) order. */
    static Map<String, List<ModelRef>> pools(Map<String, Map<String, ModelInfo>> picksByProvider) {
        Map<String, List<ModelRef>> pools = new LinkedHashMap<>();
        for (String alias : ALIASES) {
            List<ModelRef> pool = new ArrayList<>();
            picksByProvider.forEach((provider, picks) -> Optional.ofNullable(picks.get(alias))
                    .ifPresent(m -> pool.add(new ModelRef(provider, m.modelName()))));
            if (!pool.isEmpty()) pools.put(alias, List.copyOf(pool));
        }
        return pools;
    }

    static boolean isCandidate(ModelInfo m) {
        return m.isActive()
                && m.deprecatedDate().isEmpty()
                && m.isPriced()
                && m.outputPrice().map(p -> p.signum() > 0).orElse(false)
                && !isSpecialPurpose(m.modelName());
    }

    /** Whether the registry's model name says embedding, speech, image, search and the like (no regex: remote text). */
    static boolean isSpecialPurpose(String modelName) {
        String name = modelName.toLowerCase(Locale.ROOT);
        return SPECIAL_PURPOSE.stream().anyMatch(name::contains);
    }

    /** (3 × input + output) / 4 dollars per million tokens; only for priced models. */
    static BigDecimal blended(ModelInfo m) {
        BigDecimal in = m.inputPrice().orElse(BigDecimal.ZERO);
        BigDecimal out = m.outputPrice().orElse(BigDecimal.ZERO);
        return in.multiply(BigDecimal.valueOf(3)).add(out).divide(BigDecimal.valueOf(4));
    }
}
