package dev.llmring;

/**
 * Seam run on every successful response, streamed or not, before listeners and the caller see it: the registry's
 * cost calculation enriches the response here (using {@link ChatResponse#toBuilder()}). The default returns the
 * response unchanged. An exception thrown here is logged at DEBUG and the unenriched response is kept: enrichment
 * never fails a call that succeeded.
 */
@FunctionalInterface
interface AfterResponse {

    ChatResponse apply(ChatRequest request, String profile, ChatResponse response);

    AfterResponse NONE = (request, profile, response) -> response;
}
