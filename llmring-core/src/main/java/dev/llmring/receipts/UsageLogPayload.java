package dev.llmring.receipts;

import dev.llmring.internal.receipts.JsonTree;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of {@code POST /api/v1/log} as llmring-server reads it ({@code UsageLogRequest}): provider, model,
 * input/output/cached token counts, alias, profile, cost (omitted when unknown, so the server prices it),
 * latency_ms, origin, id_at_origin, and a metadata object for what has no field of its own.
 */
final class UsageLogPayload {
    static final String ORIGIN = "llmring-java";

    private UsageLogPayload() {}

    static String encode(UsageRecord r) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("provider", r.provider());
        body.put("model", r.model());
        body.put("input_tokens", r.usage().inputTokens());
        body.put("output_tokens", r.usage().outputTokens());
        body.put("cached_input_tokens", r.usage().cachedInputTokens());
        body.put("alias", r.alias());
        r.profile().ifPresent(p -> body.put("profile", p));
        r.cost().ifPresent(c -> body.put("cost", c));
        body.put("latency_ms", r.latency().toMillis());
        body.put("origin", ORIGIN);
        r.requestId().ifPresent(id -> body.put("id_at_origin", id));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("binding", r.binding());
        r.lockDigest().ifPresent(d -> metadata.put("lock_digest", d));
        metadata.put("cache_write_tokens", r.usage().cacheWriteTokens());
        metadata.put("reasoning_tokens", r.usage().reasoningTokens());
        body.put("metadata", metadata);
        return JsonTree.write(body);
    }
}
