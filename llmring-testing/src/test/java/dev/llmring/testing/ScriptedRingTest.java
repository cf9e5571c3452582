package dev.llmring.testing;

import static dev.llmring.testing.ScriptedProvider.script;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.ChatRequest;
import dev.llmring.ChatResponse;
import dev.llmring.ChatStream;
import dev.llmring.FinishReason;
import dev.llmring.LlmRing;
import dev.llmring.LlmRingException;
import dev.llmring.ResponseFormat;
import dev.llmring.RetryPolicy;
import dev.llmring.RoutingTrace.Attempt;
import dev.llmring.StreamEvent;
import dev.llmring.StructuredOutput;
import dev.llmring.StructuredOutputException;
import dev.llmring.Timeouts;
import dev.llmring.Usage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scripted provider behind a real client: lockfile, router, retries, failover, transport, decoding. */
class ScriptedRingTest {
    private static final String LOCK =
            """
            version = "1.0"
            default_profile = "test"

            [profiles.test]
            name = "test"

            [[profiles.test.bindings]]
            alias = "summarizer"
            models = ["scripted:down", "scripted:happy"]

            [[profiles.test.bindings]]
            alias = "greeter"
            models = ["scripted:happy"]

            [[profiles.test.bindings]]
            alias = "flaky"
            models = ["scripted:flaky"]

            [[profiles.test.bindings]]
            alias = "streamer"
            models = ["scripted:cut", "scripted:happy"]

            [[profiles.test.bindings]]
            alias = "sluggish"
            models = ["scripted:slow", "scripted:happy"]

            [[profiles.test.bindings]]
            alias = "extractor"
            models = ["scripted:invoice"]

            [[profiles.test.bindings]]
            alias = "sloppy"
            models = ["scripted:sloppy"]

            [[profiles.test.bindings]]
            alias = "hopeless"
            models = ["scripted:down", "scripted:missing"]

            [[profiles.test.bindings]]
            alias = "from-file"
            models = ["scripted:from-classpath"]
            """;

    record Line(String item, int quantity) {}

    record Invoice(String customer, List<Line> lines, @Nullable String note) {}

    private static final ScriptedProvider SCRIPTED = ScriptedProvider.builder()
            .script(script("down").failWith(503).build())
            .script(script("happy").reply("all good").usage(10, 2).build())
            .script(script("flaky")
                    .failWith(429)
                    .retryAfter(Duration.ofMillis(250))
                    .then()
                    .reply("hello")
                    .build())
            .script(script("cut").reply("never finished").cutAfter(0).build())
            .script(script("slow")
                    .delay(Duration.ofSeconds(5))
                    .reply("too late")
                    .build())
            .script(script("invoice")
                    .reply("{\"customer\":\"ACME\",\"lines\":[{\"item\":\"bolt\",\"quantity\":3}]," + "\"note\":null}")
                    .build())
            .script(script("sloppy").reply("{\"customer\":7,\"lines\":[]}").build())
            .build();

    @TempDir
    Path dir;

    private final List<Duration> slept = new CopyOnWriteArrayList<>();

    private LlmRing.Builder ringBuilder() throws IOException {
        return LlmRing.builder()
                .lockfile(Files.writeString(dir.resolve("llmring.lock"), LOCK))
                .environment(Map.<String, String>of()::get)
                .noRegistry()
                .sleeper(slept::add);
    }

    private LlmRing ring() throws IOException {
        return ringBuilder().discoverProviders(false).provider(SCRIPTED).build();
    }

    private static ChatRequest ask(String alias) {
        return ChatRequest.builder(alias)
                .user("Summarise: the scripted provider works.")
                .build();
    }

    private static List<String> attempts(List<Attempt> attempts) {
        List<String> lines = new ArrayList<>();
        for (Attempt a : attempts)
            lines.add(a.binding() + " " + a.outcome() + (a.status() == 0 ? "" : " " + a.status()));
        return lines;
    }

    @Test
    void failsOverFromADownBindingToTheNextAndTracesEveryAttempt() throws IOException {
        try (LlmRing ring = ring()) {
            ChatResponse r = ring.chat(ask("summarizer"));
            assertEquals("all good", r.text());
            assertEquals("scripted:happy", r.binding());
            assertEquals(
                    List.of(
                            "scripted:down FAILED 503",
                            "scripted:down FAILED 503",
                            "scripted:down FAILED 503",
                            "scripted:happy SUCCEEDED"),
                    attempts(r.trace().attempts()));
            assertEquals("scripted:happy", r.trace().servedBy().orElseThrow());
            assertEquals(2, slept.size(), slept.toString());
        }
    }

    @Test
    void retriesHonouringRetryAfterThenSucceeds() throws IOException {
        try (LlmRing ring = ring()) {
            ChatResponse r = ring.chat(ask("flaky"));
            assertEquals("hello", r.text());
            assertEquals(List.of(Duration.ofMillis(250)), slept);
            assertEquals(
                    List.of("scripted:flaky FAILED 429", "scripted:flaky SUCCEEDED"),
                    attempts(r.trace().attempts()));
        }
    }

    @Test
    void responseCarriesTheScriptedUsageRequestIdAndFinishReason() throws IOException {
        try (LlmRing ring = ring()) {
            ChatResponse r = ring.chat(ask("greeter"));
            assertEquals(
                    Usage.builder().inputTokens(10).outputTokens(2).build(),
                    r.usage().orElseThrow());
            assertEquals(FinishReason.STOP, r.finishReason());
            assertTrue(
                    r.requestId().orElseThrow().startsWith("scripted-"),
                    r.requestId().toString());
        }
    }

    @Test
    void streamedAnswerArrivesInDeltasAndAssemblesTheResponse() throws IOException {
        try (LlmRing ring = ring();
                ChatStream stream = ring.stream(ask("greeter"))) {
            List<String> deltas = new ArrayList<>();
            for (StreamEvent e : stream) if (e instanceof StreamEvent.TextDelta d) deltas.add(d.text());
            assertEquals(List.of("all ", "good"), deltas);
            assertEquals("all good", stream.response().text());
            assertEquals(
                    Usage.builder().inputTokens(10).outputTokens(2).build(),
                    stream.response().usage().orElseThrow());
        }
    }

    @Test
    void streamCutBeforeItsFirstEventFailsOverToTheNextBinding() throws IOException {
        try (LlmRing ring = ring();
                ChatStream stream = ring.stream(ask("streamer"))) {
            ChatResponse r = stream.response();
            assertEquals("all good", r.text());
            assertEquals("scripted:happy", r.binding());
            assertEquals("scripted:cut", r.trace().attempts().get(0).binding());
            assertEquals(Attempt.Outcome.FAILED, r.trace().attempts().get(0).outcome());
        }
    }

    @Test
    void bindingSlowerThanTheAttemptTimeoutFailsOver() throws IOException {
        Timeouts timeouts = Timeouts.builder().attempt(Duration.ofMillis(150)).build();
        try (LlmRing ring = ringBuilder()
                .discoverProviders(false)
                .provider(SCRIPTED)
                .timeouts(timeouts)
                .retryPolicy(RetryPolicy.none())
                .build()) {
            ChatResponse r = ring.chat(ask("sluggish"));
            assertEquals("scripted:happy", r.binding());
            assertEquals(
                    List.of("scripted:slow FAILED", "scripted:happy SUCCEEDED"),
                    attempts(r.trace().attempts()));
        }
    }

    @Test
    void whenEveryBindingFailsTheErrorCarriesTheWholeTrace() throws IOException {
        try (LlmRing ring = ring()) {
            LlmRingException e = assertThrows(LlmRingException.class, () -> ring.chat(ask("hopeless")));
            List<String> tried = attempts(e.trace().orElseThrow().attempts());
            assertEquals("scripted:down FAILED 503", tried.get(0));
            assertEquals("scripted:missing FAILED 404", tried.get(tried.size() - 1));
        }
    }

    @Test
    void structuredAnswerIsParsedIntoTheRecord() throws IOException {
        // On the module path a caller's records must be readable by dev.llmring.core (see docs/structured-output.md).
        Module self = getClass().getModule();
        self.addOpens(getClass().getPackageName(), LlmRing.class.getModule());
        ChatRequest request = ask("extractor").toBuilder()
                .responseFormat(ResponseFormat.jsonSchema(Invoice.class))
                .build();
        try (LlmRing ring = ring()) {
            Invoice invoice = StructuredOutput.parse(ring.chat(request), Invoice.class);
            assertEquals(new Invoice("ACME", List.of(new Line("bolt", 3)), null), invoice);
        }
    }

    @Test
    void structuredAnswerThatBreaksTheSchemaNamesEveryViolationAndTheBinding() throws IOException {
        ChatRequest request = ask("sloppy").toBuilder()
                .responseFormat(ResponseFormat.jsonSchema(Invoice.class))
                .build();
        try (LlmRing ring = ring()) {
            ChatResponse r = ring.chat(request);
            StructuredOutputException e =
                    assertThrows(StructuredOutputException.class, () -> StructuredOutput.parse(r, Invoice.class));
            assertEquals(List.of("/customer: expected string, got integer"), e.violations());
            assertEquals("scripted:sloppy", e.trace().orElseThrow().servedBy().orElseThrow());
        }
    }

    @Test
    void providerFoundByServiceLoaderServesScriptFilesFromTheClasspath() throws IOException {
        try (LlmRing ring = ringBuilder().build()) {
            ChatResponse r = ring.chat(ask("from-file"));
            assertEquals("hello from a file", r.text());
            assertEquals(List.of(Duration.ofMillis(20)), slept);
        }
    }
}
