package dev.llmring;

/**
 * Seam run on every successful response, streamed or not, before listeners and the caller see it: the registry's
 * cost calculation enriches the response here (using {@link ChatResponse#withCost}). The default returns the
 * response unchanged. An exception thrown here is logged at DEBUG and the unenriched response is kept: enrichment
 * never fails a call that succeeded.
 */
@FunctionalInterface
interface AfterResponse {

    ChatResponse apply(ChatRequest request, String profile, ChatResponse response);

    /**
     * As {@link #apply(ChatRequest, String, ChatResponse)}, given the registry entry the call's preflight resolved
     * (which the registry's hook prices from instead of looking the model up again).
     */
    default ChatResponse apply(ChatRequest request, String profile, ChatResponse response, RegistryEntry entry) {
        return apply(request, profile, response);
    }

    AfterResponse NONE = (request, profile, response) -> response;
}
