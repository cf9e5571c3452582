package dev.llmring;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Aliases for tests, until (and besides) the lockfile: {@code alias -> provider:model, ...}. */
final class MapResolver implements PoolResolver {
    private final Map<String, List<Target>> pools = new LinkedHashMap<>();

    MapResolver bind(String alias, String... refs) {
        pools.put(alias, Arrays.stream(refs).map(Target::parse).toList());
        return this;
    }

    @Override
    public String profile() {
        return "test";
    }

    @Override
    public List<Target> resolve(String model, Set<String> knownProviders) {
        List<Target> pool = pools.get(model);
        if (pool != null) return pool;
        return PoolResolver.direct("test", "test resolver knows " + pools.keySet())
                .resolve(model, knownProviders);
    }
}
