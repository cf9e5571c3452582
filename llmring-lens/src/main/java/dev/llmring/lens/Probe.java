package dev.llmring.lens;

import dev.llmring.ChatRequest;
import dev.llmring.ChatResponse;
import dev.llmring.ChatStream;
import dev.llmring.Cost;
import dev.llmring.LlmRing;
import dev.llmring.LlmRingException;
import dev.llmring.StreamEvent;
import dev.llmring.Timing;
import dev.llmring.Usage;
import java.math.BigDecimal;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Sends one request as a stream and times it on {@link System#nanoTime()}: the call's start (once the request is
 * built, just before {@link LlmRing#stream}), each token event as it is taken from the stream (its gap to the previous
 * one goes straight to the target's histograms), the end. The first token is the first token event, not the first
 * event: a usage report or an empty delta that comes first does not stop the clock. Token
 * counts come from the provider's usage (the response's {@link Timing} says when they had to be estimated).
 */
final class Probe {
    private Probe() {}

    static Sample run(
            LlmRing ring,
            String target,
            PromptSet.Prompt prompt,
            int step,
            long seq,
            long scheduled,
            @Nullable LongConsumer gaps,
            LongSupplier ticker) {
        ChatRequest request; // built before the clock starts: the lens's work, not the call's
        try {
            request = prompt.request(target);
        } catch (RuntimeException e) {
            long now = ticker.getAsLong();
            return failed(
                    target,
                    prompt,
                    step,
                    seq,
                    scheduled < 0 ? now : scheduled,
                    now,
                    null,
                    e.getClass().getSimpleName(),
                    0,
                    now);
        }
        long sent = ticker.getAsLong();
        long due = scheduled < 0 ? sent : scheduled; // a closed loop's request is due when it goes out
        long first = -1;
        long last = 0;
        long count = 0;
        long sum = 0;
        try (ChatStream stream = ring.stream(request)) {
            for (StreamEvent event : stream) {
                if (!Timing.isTokenEvent(event)) continue;
                long now = ticker.getAsLong();
                if (first < 0) {
                    first = now;
                } else {
                    long gap = now - last;
                    count++;
                    sum += gap;
                    if (gaps != null) gaps.accept(gap);
                }
                last = now;
            }
            ChatResponse r = stream.response();
            long end = ticker.getAsLong();
            Timing timing = r.timing();
            Usage usage = r.usage().orElse(Usage.ZERO);
            Cost cost = r.cost().orElse(null);
            BigDecimal dollars = cost != null && cost.isPriced() ? cost.total() : null;
            return new Sample(
                    target,
                    step,
                    seq,
                    prompt.id(),
                    r.binding(),
                    r.requestId().orElse(null),
                    null,
                    200,
                    due,
                    sent,
                    first,
                    end,
                    count,
                    sum,
                    usage.inputTokens(),
                    timing.outputTokens(),
                    timing.outputTokensEstimated(),
                    dollars);
        } catch (LlmRingException e) {
            String binding = e.provider().isPresent() && e.model().isPresent()
                    ? e.provider().get() + ":" + e.model().get()
                    : null;
            return failed(
                    target,
                    prompt,
                    step,
                    seq,
                    due,
                    sent,
                    binding,
                    e.getClass().getSimpleName(),
                    e.status(),
                    ticker.getAsLong());
        } catch (RuntimeException e) {
            return failed(
                    target, prompt, step, seq, due, sent, null, e.getClass().getSimpleName(), 0, ticker.getAsLong());
        }
    }

    private static Sample failed(
            String target,
            PromptSet.Prompt prompt,
            int step,
            long seq,
            long scheduled,
            long sent,
            @Nullable String binding,
            String type,
            int status,
            long end) {
        return new Sample(
                target,
                step,
                seq,
                prompt.id(),
                binding,
                null,
                type,
                status,
                scheduled,
                sent,
                -1,
                end,
                0,
                0,
                0,
                0,
                false,
                null);
    }
}
