package dev.llmring;

import org.jspecify.annotations.Nullable;

/**
 * Seam for checks made per binding before any HTTP: capabilities (tools, vision, JSON schema), context window and
 * budgets, from the registry. The router asks before each binding it would call; a reason skips the binding (a
 * {@code SKIPPED} attempt in the trace, the reason in {@link NoUsableBindingException} if nothing is left), an
 * exception ends the call before anything is sent. The default allows everything.
 */
@FunctionalInterface
interface Preflight {

    /**
     * @param streaming whether the call is a {@link LlmRing#stream} (some models cannot stream)
     * @return why {@code target} cannot serve {@code request} in {@code profile}, or null to call it
     * @throws LlmRingException (e.g. {@link BudgetExceededException}) to end the call at once
     */
    @Nullable String check(ChatRequest request, String profile, Target target, boolean streaming);

    Preflight ALLOW = (request, profile, target, streaming) -> null;
}
