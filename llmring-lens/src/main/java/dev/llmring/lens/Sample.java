package dev.llmring.lens;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * One measured request. Times are {@link System#nanoTime()} readings; {@code scheduled} is when the request was meant
 * to go out (open loop) or went out (closed loop), {@code sent} when the call started, {@code firstToken} when the
 * first token event came (-1: none), {@code end} when the answer was complete or the call failed.
 */
record Sample(
        String target,
        int step,
        long seq,
        String promptId,
        @Nullable String binding,
        @Nullable String requestId,
        @Nullable String errorType,
        int httpStatus,
        long scheduled,
        long sent,
        long firstToken,
        long end,
        long gaps,
        long gapNanos,
        long inputTokens,
        long outputTokens,
        boolean estimated,
        @Nullable BigDecimal cost) {

    boolean ok() {
        return errorType == null;
    }

    long lag() {
        return sent - scheduled;
    }

    long ttft() {
        return firstToken < 0 ? -1 : firstToken - scheduled;
    }

    long ttftService() {
        return firstToken < 0 ? -1 : firstToken - sent;
    }

    long e2e() {
        return end - scheduled;
    }

    long e2eService() {
        return end - sent;
    }

    /** Time per output token after the first: -1 when the answer had one token or none. */
    long tpot() {
        return firstToken < 0 || outputTokens < 2 ? -1 : (end - firstToken) / (outputTokens - 1);
    }
}
