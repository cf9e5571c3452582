package dev.llmring.testing;

import static dev.llmring.testing.ScriptedProvider.script;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.FinishReason;
import dev.llmring.StreamEvent;
import dev.llmring.StreamEvent.Finish;
import dev.llmring.StreamEvent.TextDelta;
import dev.llmring.StreamEvent.ToolCallComplete;
import dev.llmring.StreamEvent.ToolCallDelta;
import dev.llmring.StreamEvent.ToolCallStart;
import dev.llmring.StreamEvent.UsageReport;
import dev.llmring.Usage;
import dev.llmring.spi.ErrorKind;
import dev.llmring.spi.ProviderAdapter;
import dev.llmring.spi.ProviderConfig;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScriptedProviderTest {
    private static final Script HAPPY =
            script("happy").reply("Hello from the script").usage(12, 5).build();

    @Test
    void nonStreamedReplyDecodesToTextUsageAndFinish() throws IOException {
        Exchange x = Exchange.call(Adapters.of(HAPPY), "happy", false);
        assertEquals(200, x.status);
        assertEquals(
                List.of(
                        new TextDelta("Hello from the script"),
                        new UsageReport(
                                Usage.builder().inputTokens(12).outputTokens(5).build()),
                        new Finish(FinishReason.STOP)),
                x.events);
    }

    @Test
    void streamedReplyArrivesAsWordDeltasThenUsageAndFinish() throws IOException {
        Exchange x = Exchange.call(Adapters.of(HAPPY), "happy", true);
        assertEquals(Optional.of("text/event-stream"), x.header("Content-Type"));
        assertEquals(
                List.of(
                        new TextDelta("Hello "),
                        new TextDelta("from "),
                        new TextDelta("the "),
                        new TextDelta("script"),
                        new UsageReport(
                                Usage.builder().inputTokens(12).outputTokens(5).build()),
                        new Finish(FinishReason.STOP)),
                x.events);
        assertNull(x.failure);
    }

    @Test
    void chunkSizeSplitsTheTextIntoFixedPieces() throws IOException {
        Script s = script("chunky").reply("abcdefg").chunkSize(3).build();
        Exchange x = Exchange.call(Adapters.of(s), "chunky", true);
        assertEquals(
                List.of(new TextDelta("abc"), new TextDelta("def"), new TextDelta("g")), x.events(TextDelta.class));
    }

    @Test
    void streamedToolCallsArriveAsStartDeltasAndComplete() throws IOException {
        Script s = script("tools")
                .toolCall("get_weather", "{\"city\":\"Oslo\"}")
                .toolCall("t2", "now", "{}")
                .build();
        Exchange x = Exchange.call(Adapters.of(s), "tools", true);
        assertEquals(
                List.of(new ToolCallStart(0, "call_1", "get_weather"), new ToolCallStart(1, "t2", "now")),
                x.events(ToolCallStart.class));
        assertEquals(
                List.of(
                        new ToolCallDelta(0, "{\"city\""),
                        new ToolCallDelta(0, ":\"Oslo\"}"),
                        new ToolCallDelta(1, "{"),
                        new ToolCallDelta(1, "}")),
                x.events(ToolCallDelta.class));
        assertEquals(
                "{\"city\":\"Oslo\"}",
                x.events(ToolCallComplete.class).get(0).call().argumentsJson());
        assertEquals(new Finish(FinishReason.TOOL_CALLS), x.events.get(x.events.size() - 1));
    }

    @Test
    void toolCallsInABodyDecodeToTheSameCalls() throws IOException {
        Script s =
                script("tools").toolCall("get_weather", "{\"city\":\"Oslo\"}").build();
        ProviderAdapter adapter = Adapters.of(s);
        List<ToolCallComplete> streamed = Exchange.call(adapter, "tools", true).events(ToolCallComplete.class);
        List<ToolCallComplete> whole = Exchange.call(adapter, "tools", false).events(ToolCallComplete.class);
        assertEquals(streamed, whole);
        assertEquals("get_weather", whole.get(0).call().name());
    }

    @Test
    void reasoningComesBeforeTheTextAndCountsInUsage() throws IOException {
        Script s =
                script("thinker").reasoning("let me think about it").reply("42").build();
        Exchange x = Exchange.call(Adapters.of(s), "thinker", true);
        assertInstanceOf(StreamEvent.ReasoningDelta.class, x.events.get(0));
        Usage u = x.events(UsageReport.class).get(0).usage();
        assertTrue(u.reasoningTokens() > 0 && u.reasoningTokens() <= u.outputTokens(), u.toString());
    }

    @Test
    void defaultUsageIsEstimatedFromCharacters() throws IOException {
        Script s = script("plain").reply("12345678").build();
        Usage u = Exchange.call(Adapters.of(s), "plain", false)
                .events(UsageReport.class)
                .get(0)
                .usage();
        assertEquals(Usage.builder().inputTokens(6).outputTokens(2).build(), u);
    }

    @Test
    void explicitFinishReasonIsNormalisedAndUnknownOnesKeptRaw() throws IOException {
        ProviderAdapter a = Adapters.of(
                script("cut").reply("par").finish("length").build(),
                script("odd").reply("x").finish("max_tokens").build());
        assertEquals(
                new Finish(FinishReason.LENGTH),
                Exchange.call(a, "cut", true).events(Finish.class).get(0));
        assertEquals(
                new Finish(FinishReason.other("max_tokens")),
                Exchange.call(a, "odd", false).events(Finish.class).get(0));
    }

    @Test
    void failureCarriesItsStatusAndRetryAfterHeaders() throws IOException {
        Script s = script("limited")
                .failWith(429)
                .retryAfter(Duration.ofMillis(250))
                .build();
        Exchange x = Exchange.call(Adapters.of(s), "limited", false);
        assertEquals(429, x.status);
        assertEquals(Optional.of("1"), x.header("Retry-After"));
        assertEquals(Optional.of("250"), x.header("retry-after-ms"));
        assertEquals(ErrorKind.RATE_LIMITED, x.error.kind());
    }

    @Test
    void failureWithAnExplicitKindIsClassifiedAsThatKind() throws IOException {
        Script s =
                script("small").failWith(400, ErrorKind.CONTEXT_WINDOW_EXCEEDED).build();
        Exchange x = Exchange.call(Adapters.of(s), "small", true);
        assertEquals(400, x.status);
        assertEquals(ErrorKind.CONTEXT_WINDOW_EXCEEDED, x.error.kind());
        assertEquals(Optional.of("context_window_exceeded"), x.error.providerCode());
    }

    @Test
    void stepsAreConsumedPerCallAndTheLastOneRepeats() throws IOException {
        ProviderAdapter a = Adapters.of(script("flaky")
                .failWith(503)
                .then()
                .reply("one")
                .then()
                .reply("two")
                .build());
        assertEquals(503, Exchange.call(a, "flaky", false).status);
        assertEquals("one", Exchange.call(a, "flaky", false).text());
        assertEquals("two", Exchange.call(a, "flaky", true).text());
        assertEquals("two", Exchange.call(a, "flaky", false).text());
    }

    @Test
    void cyclingScriptStartsOverAfterItsLastStep() throws IOException {
        ProviderAdapter a = Adapters.of(
                script("ping").reply("ping").then().reply("pong").cycle().build());
        assertEquals("ping", Exchange.call(a, "ping", false).text());
        assertEquals("pong", Exchange.call(a, "ping", false).text());
        assertEquals("ping", Exchange.call(a, "ping", false).text());
    }

    @Test
    void timesRepeatsAStep() throws IOException {
        ProviderAdapter a = Adapters.of(
                script("twice").failWith(500).times(2).then().reply("ok").build());
        assertEquals(500, Exchange.call(a, "twice", false).status);
        assertEquals(500, Exchange.call(a, "twice", false).status);
        assertEquals(200, Exchange.call(a, "twice", false).status);
    }

    @Test
    void everyAdapterStartsEachScriptAtItsFirstStep() throws IOException {
        ScriptedProvider p = ScriptedProvider.builder()
                .script(script("flaky").failWith(503).then().reply("ok").build())
                .build();
        ProviderAdapter first = p.create(ProviderConfig.builder("scripted").build());
        assertEquals(503, Exchange.call(first, "flaky", false).status);
        assertEquals(200, Exchange.call(first, "flaky", false).status);
        ProviderAdapter second = p.create(ProviderConfig.builder("scripted").build());
        assertEquals(503, Exchange.call(second, "flaky", false).status);
    }

    @Test
    void streamCutBeforeItsEndMakesOnEndThrowMalformed() throws IOException {
        Exchange x = Exchange.call(
                Adapters.of(script("cut").reply("one two three").cutAfter(2).build()), "cut", true);
        assertEquals(List.of(new TextDelta("one "), new TextDelta("two ")), x.events);
        assertNotNull(x.failure);
        assertEquals(ErrorKind.MALFORMED_RESPONSE, x.failure.error().kind());
    }

    @Test
    void malformedEventMakesTheDecoderThrowMalformed() throws IOException {
        Exchange x = Exchange.call(
                Adapters.of(script("bad").reply("one two").malformedAfter(1).build()), "bad", true);
        assertEquals(List.of(new TextDelta("one ")), x.events);
        assertEquals(ErrorKind.MALFORMED_RESPONSE, x.failure.error().kind());
    }

    @Test
    void errorEventMidStreamThrowsWithTheKindOfItsStatus() throws IOException {
        Exchange x = Exchange.call(
                Adapters.of(script("busy").reply("one two").errorAfter(1, 529).build()), "busy", true);
        assertEquals(List.of(new TextDelta("one ")), x.events);
        assertEquals(ErrorKind.OVERLOADED, x.failure.error().kind());
    }

    @Test
    void errorAfterOnANonStreamedCallFailsWithItsStatus() throws IOException {
        Exchange x = Exchange.call(
                Adapters.of(script("busy").reply("x").errorAfter(1, 529).build()), "busy", false);
        assertEquals(529, x.status);
        assertEquals(ErrorKind.OVERLOADED, x.error.kind());
    }

    @Test
    void malformedBodyMakesTheDecoderThrowMalformed() throws IOException {
        Exchange x = Exchange.call(
                Adapters.of(script("bad").reply("x").malformedAfter(0).build()), "bad", false);
        assertEquals(ErrorKind.MALFORMED_RESPONSE, x.failure.error().kind());
    }

    @Test
    void nonStreamedBodyCutMidwayIsAConnectionFailure() {
        ProviderAdapter a = Adapters.of(script("cut")
                .reply("a long enough answer to cut in two")
                .cutAfter(0)
                .build());
        assertThrows(IOException.class, () -> Exchange.call(a, "cut", false));
    }

    @Test
    void delayHoldsTheAnswerPastTheClientsTimeout() {
        ProviderAdapter a = Adapters.of(
                script("slow").delay(Duration.ofSeconds(5)).reply("late").build());
        assertThrows(
                HttpTimeoutException.class,
                () -> Exchange.call(a, Exchange.ask("hi"), "slow", false, Duration.ofMillis(100)));
    }

    @Test
    void unknownScriptAnswers404ModelNotFoundNamingWhereItLooked() throws IOException {
        Exchange x = Exchange.call(Adapters.of(HAPPY), "missing", false);
        assertEquals(404, x.status);
        assertEquals(ErrorKind.MODEL_NOT_FOUND, x.error.kind());
        assertTrue(x.error.message().contains("classpath:META-INF/llmring/scripts/missing.json"), x.error.message());
    }

    @Test
    void echoAnswersWithTheLastUserMessage() throws IOException {
        ProviderAdapter a = Adapters.of(script("echo").echo().build());
        Exchange x = Exchange.call(a, Exchange.ask("repeat after me"), "echo", true, null);
        assertEquals("repeat after me", x.text());
    }

    @Test
    void requestIdComesInTheHeaderAndTheBody() throws IOException {
        Exchange x = Exchange.call(Adapters.of(HAPPY), "happy", false);
        String id = x.header("x-request-id").orElseThrow();
        assertTrue(id.startsWith("scripted-"), id);
        assertEquals(id, x.bodyRequestId);
    }

    @Test
    void adapterNeedsNoKeyAndServesUnderTheConfiguredName() {
        ProviderAdapter a =
                new ScriptedProvider().create(ProviderConfig.builder("fake").build());
        assertEquals("fake", a.name());
        assertFalse(a.requiresApiKey());
        assertEquals(List.of(), new ScriptedProvider().apiKeyEnvironmentVariables());
        assertEquals("scripted", new ScriptedProvider().name());
    }

    @Test
    void serverThreadsAreDaemonsSoTheyNeverKeepTheJvmAlive() throws IOException {
        Exchange.call(Adapters.of(HAPPY), "happy", false);
        List<Thread> server = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("llmring-scripted")
                        || t.getName().startsWith("HTTP-Dispatcher"))
                .toList();
        assertTrue(server.stream().anyMatch(t -> t.getName().startsWith("HTTP-Dispatcher")), server.toString());
        assertTrue(server.stream().allMatch(Thread::isDaemon), server.toString());
    }

    @Test
    void callsGoToTheLoopbackServer() {
        var call = Adapters.of(HAPPY).encode(Exchange.ask("hi"), "happy", false);
        assertEquals("127.0.0.1", call.uri().getHost());
        assertEquals("http", call.uri().getScheme());
    }
}
