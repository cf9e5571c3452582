package dev.llmring;

import dev.llmring.receipts.UsageRecord;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Reports every finished call to the llmring server: one {@link UsageRecord} per successful call, streamed or not
 * (alias as requested, profile, serving binding, tokens, cost when priced, latency, lockfile digest, the provider's
 * request id). The sink ({@link dev.llmring.receipts.ServerClient#logUsage}) queues and returns at once; a sink that
 * throws is ignored by {@link Listeners}, so logging never blocks or fails a call. Failed calls have no usage and are
 * not reported.
 */
final class UsageLogger implements LlmRingListener {
    private final Consumer<UsageRecord> sink;
    private final @Nullable String lockDigest;

    UsageLogger(Consumer<UsageRecord> sink, @Nullable String lockDigest) {
        this.sink = sink;
        this.lockDigest = lockDigest;
    }

    @Override
    public void callEnd(Call call, ChatResponse response) {
        sink.accept(UsageRecord.builder()
                .alias(call.request().model())
                .profile(call.profile())
                .provider(response.provider())
                .model(response.model())
                .usage(response.usage().orElse(Usage.ZERO))
                .cost(response.cost().filter(Cost::isPriced).map(Cost::total).orElse(null))
                .latency(response.latency())
                .lockDigest(lockDigest)
                .requestId(response.requestId().orElse(null))
                .build());
    }
}
