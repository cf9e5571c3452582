package dev.llmring.contract;

import static dev.llmring.contract.ContractScript.PLAIN_ANSWER;
import static dev.llmring.contract.ContractScript.PLAIN_INPUT_TOKENS;
import static dev.llmring.contract.ContractScript.PLAIN_OUTPUT_TOKENS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.llmring.AuthenticationException;
import dev.llmring.ChatRequest;
import dev.llmring.ChatResponse;
import dev.llmring.ChatStream;
import dev.llmring.FinishReason;
import dev.llmring.InvalidRequestException;
import dev.llmring.LlmRing;
import dev.llmring.LlmRingException;
import dev.llmring.ModelNotFoundException;
import dev.llmring.ProviderUnavailableException;
import dev.llmring.RateLimitException;
import dev.llmring.ReasoningPart;
import dev.llmring.RetryPolicy;
import dev.llmring.RoutingTrace;
import dev.llmring.StreamEvent;
import dev.llmring.StreamException;
import dev.llmring.ToolCall;
import dev.llmring.contract.Checks.Streamed;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The contract every provider adapter passes: the same scenarios, with the same assertions, for every provider,
 * through the whole client ({@link LlmRing} with a lockfile, routing, retries, streaming) against the provider's wire
 * format served by WireMock. A provider's test extends this class and supplies only its specifics (see
 * {@link ContractHarness}: name, model, factory, and one stub per scenario in the provider's wire shape, answering
 * what {@link ContractScript} prescribes). {@code docs/testing.md} ("Adapter contract test") shows how.
 */
public abstract class ProviderContractTest extends ContractHarness {

    /** For subclasses. */
    protected ProviderContractTest() {}

    // ---------------------------------------------------------------- answers

    /** A whole answer: its text, finish stop, usage, no tool calls, the binding that served it, one request. */
    @Test
    public void answersPlainText() {
        stub(stubPlainText(false));
        ChatResponse r = chat(ContractScript.plain());
        assertEquals(PLAIN_ANSWER, r.text());
        Checks.finish(FinishReason.STOP, r.finishReason());
        Checks.usage(r, PLAIN_INPUT_TOKENS, PLAIN_OUTPUT_TOKENS, 0, 0);
        assertEquals(List.of(), r.toolCalls());
        assertEquals(provider() + ":" + model(), r.binding());
        assertEquals(1, requestCount());
    }

    /** A streamed answer: the text in at least two pieces, usage then finish last, the response assembled the same. */
    @Test
    public void streamsPlainTextInPieces() {
        stub(stubPlainText(true));
        Streamed s = stream(ContractScript.plain());
        assertTrue(s.all(StreamEvent.TextDelta.class).size() >= 2, "the text arrives in at least two pieces");
        assertEquals(PLAIN_ANSWER, s.text());
        Checks.endsWithUsageThenFinish(s, FinishReason.STOP);
        assertEquals(PLAIN_ANSWER, s.response().text());
        Checks.finish(FinishReason.STOP, s.response().finishReason());
        Checks.usage(s.response(), PLAIN_INPUT_TOKENS, PLAIN_OUTPUT_TOKENS, 0, 0);
    }

    /** The same answer whole and streamed: equal text, finish, usage and tool calls. */
    @Test
    public void streamedAndWholeAnswersAgree() {
        stub(stubPlainText(false));
        ChatResponse whole = chat(ContractScript.plain());
        server().resetAll();
        stub(stubPlainText(true));
        ChatResponse streamed = stream(ContractScript.plain()).response();
        assertEquals(whole.text(), streamed.text());
        assertEquals(whole.finishReason(), streamed.finishReason());
        assertEquals(whole.usage(), streamed.usage());
        assertEquals(whole.toolCalls(), streamed.toolCalls());
    }

    /** An answer cut by the output limit finishes by length. */
    @Test
    public void finishesByLength() {
        stub(stubLength(false));
        ChatResponse r = chat(ContractScript.length());
        assertEquals(ContractScript.LENGTH_ANSWER, r.text());
        Checks.finish(FinishReason.LENGTH, r.finishReason());
    }

    /** A streamed answer cut by the output limit finishes by length, the finish last. */
    @Test
    public void streamFinishesByLength() {
        stub(stubLength(true));
        Streamed s = stream(ContractScript.length());
        assertEquals(ContractScript.LENGTH_ANSWER, s.text());
        Checks.endsWithUsageThenFinish(s, FinishReason.LENGTH);
        Checks.finish(FinishReason.LENGTH, s.response().finishReason());
    }

    /** Every turn of a conversation, the assistant's too, reaches the provider. */
    @Test
    public void sendsEveryTurnOfAConversation() {
        stub(stubMultiTurn());
        assertEquals(
                ContractScript.MULTI_TURN_ANSWER,
                chat(ContractScript.multiTurn()).text());
    }

    /** The system prompt reaches the provider where it takes it. */
    @Test
    public void sendsTheSystemPrompt() {
        stub(stubSystemPrompt());
        assertEquals(
                ContractScript.SYSTEM_ANSWER,
                chat(ContractScript.systemPrompt()).text());
    }

    /** An image given as bytes reaches the provider with its media type (needs {@link Capability#IMAGE_INPUT}). */
    @Test
    public void sendsAnImageGivenAsBytes() {
        assumeTrue(supports(Capability.IMAGE_INPUT), "the provider takes no images");
        stub(stubImage());
        assertEquals(ContractScript.IMAGE_ANSWER, chat(ContractScript.image()).text());
    }

    // ---------------------------------------------------------------- tools and structured output

    /** Two tool calls in one answer, with parsed arguments, finish tool_calls (needs {@link Capability#TOOLS}). */
    @Test
    public void returnsParallelToolCalls() {
        assumeTrue(supports(Capability.TOOLS), "the provider has no tools");
        stub(stubToolCalls(false));
        ChatResponse r = chat(ContractScript.tools());
        Checks.theTwoToolCalls(r.toolCalls());
        Checks.finish(FinishReason.TOOL_CALLS, r.finishReason());
    }

    /**
     * Two streamed tool calls: per call a start, argument deltas and a completion, the deltas joining to the
     * arguments; the response holds the completed calls (needs {@link Capability#TOOLS}).
     */
    @Test
    public void streamsParallelToolCallsWithTheirArguments() {
        assumeTrue(supports(Capability.TOOLS), "the provider has no tools");
        stub(stubToolCalls(true));
        Streamed s = stream(ContractScript.tools());
        List<ToolCall> completed = Checks.toolCallEvents(s.events());
        Checks.theTwoToolCalls(completed);
        assertEquals(completed, s.response().toolCalls());
        Checks.endsWithUsageThenFinish(s, FinishReason.TOOL_CALLS);
    }

    /** Tool results go back paired with their calls, and the answer comes (needs {@link Capability#TOOLS}). */
    @Test
    public void sendsToolResultsBack() {
        assumeTrue(supports(Capability.TOOLS), "the provider has no tools");
        stub(stubToolResults());
        ChatResponse r = chat(ContractScript.toolResults());
        assertEquals(ContractScript.TOOL_RESULTS_ANSWER, r.text());
        Checks.finish(FinishReason.STOP, r.finishReason());
    }

    /**
     * Reasoning state of another provider in the conversation (as after a failover) is left out: the request is
     * that of {@link ContractScript#toolResults()} (needs {@link Capability#TOOLS}).
     */
    @Test
    public void leavesAnotherProvidersReasoningStateOut() {
        assumeTrue(supports(Capability.TOOLS), "the provider has no tools");
        stub(stubToolResults());
        ChatResponse r = chat(ContractScript.toolResultsWithForeignReasoning());
        assertEquals(ContractScript.TOOL_RESULTS_ANSWER, r.text());
    }

    /** A whole first answer's reasoning state goes back in the next request, as the provider requires it. */
    @Test
    public void sendsItsOwnReasoningStateBack() {
        reasoningRoundTrip(false);
    }

    /** A streamed first answer's reasoning state is assembled and goes back as the provider requires it. */
    @Test
    public void sendsItsOwnStreamedReasoningStateBack() {
        reasoningRoundTrip(true);
    }

    /** A JSON-schema answer, whole (needs {@link Capability#STRUCTURED_OUTPUT}). */
    @Test
    public void answersWithStructuredOutput() {
        assumeTrue(supports(Capability.STRUCTURED_OUTPUT), "the provider has no structured output");
        stub(stubStructuredOutput(false));
        ChatResponse r = chat(ContractScript.structured());
        Checks.json(ContractScript.STRUCTURED_ANSWER, r.text());
        Checks.finish(FinishReason.STOP, r.finishReason());
        assertEquals(List.of(), r.toolCalls());
    }

    /** A JSON-schema answer, streamed (needs {@link Capability#STRUCTURED_OUTPUT}). */
    @Test
    public void streamsStructuredOutput() {
        assumeTrue(supports(Capability.STRUCTURED_OUTPUT), "the provider has no structured output");
        stub(stubStructuredOutput(true));
        Streamed s = stream(ContractScript.structured());
        Checks.json(ContractScript.STRUCTURED_ANSWER, s.text());
        Checks.json(ContractScript.STRUCTURED_ANSWER, s.response().text());
        Checks.endsWithUsageThenFinish(s, FinishReason.STOP);
        assertEquals(List.of(), s.response().toolCalls());
    }

    // ---------------------------------------------------------------- usage details

    /** Usage reports the input tokens read from the cache (needs {@link Capability#CACHED_INPUT_TOKENS}). */
    @Test
    public void reportsCachedInputTokens() {
        assumeTrue(supports(Capability.CACHED_INPUT_TOKENS), "the provider reports no cached tokens");
        stub(stubCachedUsage());
        Checks.usage(
                chat(ContractScript.plain()),
                ContractScript.CACHED_INPUT_TOKENS,
                PLAIN_OUTPUT_TOKENS,
                ContractScript.CACHED_TOKENS,
                0);
    }

    /** Usage reports the reasoning tokens within the output (needs {@link Capability#REASONING_TOKENS}). */
    @Test
    public void reportsReasoningTokens() {
        assumeTrue(supports(Capability.REASONING_TOKENS), "the provider reports no reasoning tokens");
        stub(stubReasoningUsage());
        Checks.usage(
                chat(ContractScript.plain()),
                PLAIN_INPUT_TOKENS,
                ContractScript.REASONING_OUTPUT_TOKENS,
                0,
                ContractScript.REASONING_TOKENS);
    }

    // ---------------------------------------------------------------- errors

    /** An invalid request is an {@link InvalidRequestException}, not retried. */
    @Test
    public void invalidRequestEndsTheCallUnretried() {
        stub(stubError(ErrorCase.INVALID_REQUEST, false));
        notRetried(
                ErrorCase.INVALID_REQUEST,
                assertExactly(InvalidRequestException.class, () -> chat(ContractScript.plain())));
    }

    /** Rejected credentials are an {@link AuthenticationException}, not retried, the key in no message. */
    @Test
    public void rejectedCredentialsAreAnAuthenticationFailure() {
        stub(stubError(ErrorCase.AUTHENTICATION, false));
        notRetried(
                ErrorCase.AUTHENTICATION,
                assertExactly(AuthenticationException.class, () -> chat(ContractScript.plain())));
    }

    /** An unknown model is a {@link ModelNotFoundException}, not retried. */
    @Test
    public void unknownModelIsModelNotFound() {
        stub(stubError(ErrorCase.MODEL_NOT_FOUND, false));
        notRetried(
                ErrorCase.MODEL_NOT_FOUND,
                assertExactly(ModelNotFoundException.class, () -> chat(ContractScript.plain())));
    }

    /** A rate limit is a retryable {@link RateLimitException} carrying the delay the provider asked for. */
    @Test
    public void rateLimitCarriesTheAskedDelay() {
        stub(stubError(ErrorCase.RATE_LIMITED, false));
        RateLimitException e = assertExactly(
                RateLimitException.class, () -> chat(ContractScript.plain(), b -> b.retryPolicy(RetryPolicy.none())));
        assertEquals(statusOf(ErrorCase.RATE_LIMITED), e.status());
        assertEquals(ContractScript.RATE_LIMIT_DELAY, e.retryAfter().orElse(null), "retryAfter()");
        assertTrue(e.isRetryable());
    }

    /** A rate limit is retried after exactly the asked delay, and the trace shows both attempts. */
    @Test
    public void retriesARateLimitAfterTheAskedDelay() {
        stub(stubError(ErrorCase.RATE_LIMITED, false)
                .inScenario("rate limit")
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("served"));
        stub(stubPlainText(false).inScenario("rate limit").whenScenarioStateIs("served"));
        ChatResponse r = chat(ContractScript.plain());
        assertEquals(PLAIN_ANSWER, r.text());
        assertEquals(List.of(ContractScript.RATE_LIMIT_DELAY), sleeps(), "the client waited the asked delay");
        assertEquals(
                List.of(
                        binding() + " #1 FAILED RateLimitException " + statusOf(ErrorCase.RATE_LIMITED),
                        binding() + " #2 SUCCEEDED"),
                Checks.steps(r.trace()));
    }

    /** A server error is retried to the policy's limit, then a {@link ProviderUnavailableException}. */
    @Test
    public void serverErrorIsRetriedThenProviderUnavailable() {
        stub(stubError(ErrorCase.SERVER_ERROR, false));
        retriedThenUnavailable(ErrorCase.SERVER_ERROR);
    }

    /** An overloaded provider is retried to the policy's limit, then a {@link ProviderUnavailableException}. */
    @Test
    public void overloadIsRetriedThenProviderUnavailable() {
        stub(stubError(ErrorCase.OVERLOADED, false));
        retriedThenUnavailable(ErrorCase.OVERLOADED);
    }

    /** An error on the streaming endpoint is typed as on the other, with its asked delay. */
    @Test
    public void errorOnTheStreamingEndpointIsTyped() {
        stub(stubError(ErrorCase.RATE_LIMITED, true));
        try (LlmRing ring = ringBuilder().retryPolicy(RetryPolicy.none()).build()) {
            RateLimitException e =
                    assertExactly(RateLimitException.class, () -> served(() -> ring.stream(ContractScript.plain())));
            assertEquals(ContractScript.RATE_LIMIT_DELAY, e.retryAfter().orElse(null), "retryAfter()");
        }
    }

    // ---------------------------------------------------------------- broken streams

    /** A stream cut before its end is a {@link StreamException} after the first text, never a short answer. */
    @Test
    public void streamCutMidwayIsAStreamException() {
        stub(stubStreamCut());
        brokenStream();
    }

    /** A stream event that is not valid JSON is a {@link StreamException}. */
    @Test
    public void malformedStreamEventIsAStreamException() {
        stub(stubMalformedEvent());
        brokenStream();
    }

    /** The provider's error event mid-stream is a {@link StreamException} whose cause is the typed error. */
    @Test
    public void errorEventMidStreamIsAStreamExceptionWithTheTypedCause() {
        stub(stubErrorEvent());
        StreamException e = brokenStream();
        assertInstanceOf(ProviderUnavailableException.class, e.getCause(), "the cause is the provider's error");
    }

    /** The provider's error event before any content is retried like an error response. */
    @Test
    public void errorEventBeforeAnyContentIsRetried() {
        stub(stubErrorEventBeforeContent()
                .inScenario("early error")
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("served"));
        stub(stubPlainText(true).inScenario("early error").whenScenarioStateIs("served"));
        Streamed s = stream(ContractScript.plain());
        assertEquals(PLAIN_ANSWER, s.text());
        assertEquals(2, requestCount(), "requests sent");
        assertEquals(1, sleeps().size(), "backoff sleeps");
        List<RoutingTrace.Attempt> attempts = s.response().trace().attempts();
        assertEquals(
                List.of(RoutingTrace.Attempt.Outcome.FAILED, RoutingTrace.Attempt.Outcome.SUCCEEDED),
                attempts.stream().map(RoutingTrace.Attempt::outcome).toList());
        assertEquals("ProviderUnavailableException", attempts.get(0).error().orElse(null));
    }

    // ---------------------------------------------------------------- helpers

    private String binding() {
        return provider() + ":" + model();
    }

    private ChatResponse chat(ChatRequest request) {
        return chat(request, Function.identity());
    }

    private ChatResponse chat(ChatRequest request, Function<LlmRing.Builder, LlmRing.Builder> configure) {
        try (LlmRing ring = configure.apply(ringBuilder()).build()) {
            return served(() -> ring.chat(request));
        }
    }

    private Streamed stream(ChatRequest request) {
        try (LlmRing ring = ringBuilder().build();
                ChatStream stream = served(() -> ring.stream(request))) {
            List<StreamEvent> events = new ArrayList<>();
            for (StreamEvent e : stream) events.add(e);
            return new Streamed(Collections.unmodifiableList(events), stream.response());
        }
    }

    /**
     * The first turn with reasoning on answers two tool calls and, where the provider has any, its own reasoning
     * state; the second request, built from {@link ChatResponse#assistantMessage()} and the results, matches the
     * provider's stub of the whole conversation. Without state the second request is the plain tool-results request.
     */
    private void reasoningRoundTrip(boolean streamed) {
        assumeTrue(supports(Capability.TOOLS), "the provider has no tools");
        boolean state = supports(Capability.REASONING_STATE);
        stub(state ? stubReasoningToolCalls(streamed) : stubToolCalls(streamed));
        ChatResponse first;
        if (streamed) {
            Streamed s = stream(ContractScript.reasoningTools());
            first = s.response();
            assertEquals(
                    s.all(StreamEvent.ReasoningComplete.class).stream()
                            .map(StreamEvent.ReasoningComplete::part)
                            .toList(),
                    first.reasoningParts(),
                    "the response holds the streamed reasoning parts, in order");
        } else {
            first = chat(ContractScript.reasoningTools());
        }
        Checks.theTwoToolCalls(first.toolCalls());
        if (state) {
            assertFalse(first.reasoningParts().isEmpty(), "the answer kept the provider's reasoning state");
            for (ReasoningPart p : first.reasoningParts()) {
                assertEquals(provider(), p.provider(), "the reasoning part's provider");
            }
        } else {
            assertEquals(List.of(), first.reasoningParts(), "reasoning state of a provider that declares none");
        }
        assertEquals(first.reasoningParts(), first.assistantMessage().reasoningParts());
        server().resetAll();
        stub(state ? stubReasoningToolResults() : stubToolResults());
        ChatResponse second = chat(ContractScript.reasoningToolResults(first));
        assertEquals(ContractScript.TOOL_RESULTS_ANSWER, second.text());
        assertEquals(1, requestCount(), "requests sent for the second turn");
    }

    /** Runs a call; a failure caused by a request no stub matched is reported as such. */
    private <T> T served(Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            Checks.failOnUnmatched(server(), e);
            throw e;
        }
    }

    private static <E extends LlmRingException> E assertExactly(Class<E> type, Runnable call) {
        LlmRingException e = assertThrows(LlmRingException.class, call::run);
        assertSame(type, e.getClass(), () -> type.getSimpleName() + " expected, was " + e);
        Checks.noKeyIn(e, API_KEY);
        return type.cast(e);
    }

    private void notRetried(ErrorCase error, LlmRingException e) {
        assertEquals(statusOf(error), e.status(), "status");
        assertEquals(provider(), e.provider().orElse(null), "provider");
        assertFalse(e.isRetryable(), "retryable");
        assertEquals(1, requestCount(), "requests sent");
        assertEquals(List.of(), sleeps(), "sleeps");
    }

    private void retriedThenUnavailable(ErrorCase error) {
        ProviderUnavailableException e =
                assertExactly(ProviderUnavailableException.class, () -> chat(ContractScript.plain()));
        int status = statusOf(error);
        assertEquals(status, e.status(), "status");
        assertTrue(e.isRetryable(), "retryable");
        int attempts = RetryPolicy.defaults().maxAttempts();
        assertEquals(attempts, requestCount(), "requests sent");
        assertEquals(attempts - 1, sleeps().size(), "backoff sleeps");
        List<String> steps = new ArrayList<>();
        for (int n = 1; n <= attempts; n++) {
            steps.add(binding() + " #" + n + " FAILED ProviderUnavailableException " + status);
        }
        assertEquals(steps, Checks.steps(e.trace().orElseThrow()));
    }

    /**
     * Opens a stream that breaks after its first text: the text received is a prefix of the plain answer, iteration
     * ends in a {@link StreamException}, the response throws it too, and nothing was retried.
     */
    private StreamException brokenStream() {
        StringBuilder text = new StringBuilder();
        StreamException failure;
        try (LlmRing ring = ringBuilder().build();
                ChatStream stream = served(() -> ring.stream(ContractScript.plain()))) {
            failure = assertThrows(StreamException.class, () -> {
                for (StreamEvent e : stream) {
                    if (e instanceof StreamEvent.TextDelta d) text.append(d.text());
                }
            });
            assertSame(failure, assertThrows(StreamException.class, stream::response));
        }
        assertFalse(text.isEmpty(), "text arrived before the stream broke");
        assertTrue(PLAIN_ANSWER.startsWith(text.toString()), "the text before the break is a prefix of the answer");
        assertEquals(1, requestCount(), "requests sent");
        assertEquals(provider(), failure.provider().orElse(null), "provider");
        Checks.noKeyIn(failure, API_KEY);
        return failure;
    }
}
