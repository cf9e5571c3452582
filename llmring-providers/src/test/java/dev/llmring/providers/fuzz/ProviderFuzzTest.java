package dev.llmring.providers.fuzz;

import static dev.llmring.providers.fuzz.Mutator.FAKE_KEY;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import dev.llmring.ChatRequest;
import dev.llmring.ChatResponse;
import dev.llmring.ChatStream;
import dev.llmring.CircuitBreakerPolicy;
import dev.llmring.LlmRing;
import dev.llmring.LlmRingException;
import dev.llmring.RetryPolicy;
import dev.llmring.StreamEvent;
import dev.llmring.Timeouts;
import dev.llmring.ToolCall;
import dev.llmring.lockfile.Lockfile;
import dev.llmring.lockfile.ModelRef;
import dev.llmring.providers.fuzz.Mutator.Kind;
import dev.llmring.providers.fuzz.Mutator.Mutant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded mutation fuzzing of each provider's answer decoding through the public API: {@link LlmRing#chat} and
 * {@link LlmRing#stream} against a loopback server that serves mutated copies of the recorded-shape fixtures under
 * {@code src/test/resources/<provider>/} (answers, streams and error bodies, with their statuses). Each input must end
 * in a response or an {@link LlmRingException}, within the call's own timeouts (the 10 s preemptive bound is only a
 * safety net), and the fake key must appear in no exception, cause, trace or request id.
 *
 * <p>A failure names the seed and the input index; {@link Mutator} derives the input from those two alone.
 */
class ProviderFuzzTest {
    static final long SEED = 20_261_202L;
    private static final int PER_FIXTURE = 5;
    private static final Duration SAFETY_NET = Duration.ofSeconds(10);

    private static final Map<String, String> MODELS = Map.of(
            "openai", "openai:gpt-4o-mini",
            "anthropic", "anthropic:claude-sonnet-4-5",
            "google", "google:gemini-2.5-flash",
            "ollama", "ollama:llama3.2");

    /** Every mutation class, the key echoed in bodies and request-id headers among them. */
    private static final Mutator MUTATOR = new Mutator(
            SEED,
            List.of(
                    Kind.FLIP_BYTES,
                    Kind.TRUNCATE,
                    Kind.HUGE_NUMBER,
                    Kind.DEEP_NESTING,
                    Kind.LONG_STRING,
                    Kind.DUPLICATE,
                    Kind.ECHO_KEY));

    /** A fixture and how the server serves it. */
    private record Fixture(String name, String text, boolean stream, int status, String contentType) {
        @Override
        public String toString() {
            return name;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "anthropic", "google", "ollama"})
    void mutatedAnswersEndInAResponseOrATypedErrorWithoutTheKey(String provider) {
        try (LoopbackServer server = new LoopbackServer();
                LlmRing ring = ring(provider, server)) {
            int index = 0;
            for (Fixture fixture : fixtures(provider)) {
                for (int i = 0; i < PER_FIXTURE; i++, index++) {
                    Mutant mutant = MUTATOR.mutate(fixture.text(), index);
                    String replay = "seed " + SEED + ", " + provider + " input #" + index + " (" + fixture + ", "
                            + mutant.description() + ")";
                    server.serve(response(fixture, mutant));
                    assertTimeoutPreemptively(SAFETY_NET, () -> call(ring, fixture, replay, hasKey(provider)), replay);
                }
            }
        }
    }

    private static LoopbackServer.Response response(Fixture fixture, Mutant mutant) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", fixture.contentType());
        if (mutant.description().contains(Kind.ECHO_KEY.name())) {
            headers.put("x-request-id", FAKE_KEY);
            headers.put("request-id", FAKE_KEY);
        }
        return new LoopbackServer.Response(
                fixture.status(), headers, mutant.text().getBytes(StandardCharsets.UTF_8));
    }

    /** Ollama takes no key: text a server echoes there is no secret, so only keyed providers are held to it. */
    private static boolean hasKey(String provider) {
        return !provider.equals("ollama");
    }

    private static void call(LlmRing ring, Fixture fixture, String replay, boolean keyed) {
        ChatRequest request = ChatRequest.builder("fuzz").user("hello").build();
        String shown;
        try {
            ChatResponse response;
            if (fixture.stream()) {
                try (ChatStream stream = ring.stream(request)) {
                    for (StreamEvent ignored : stream) {
                        // drain: every event is decoded
                    }
                    response = stream.response();
                }
            } else {
                response = ring.chat(request);
            }
            shown = response + "\n" + response.trace() + "\n"
                    + response.requestId().orElse("");
            for (ToolCall call : response.toolCalls()) {
                try {
                    call.arguments();
                } catch (LlmRingException e) {
                    shown += Rendering.of(e);
                }
            }
        } catch (LlmRingException e) {
            shown = Rendering.of(e);
        } catch (RuntimeException | Error e) {
            throw new AssertionError(replay + ": untyped " + e, e);
        }
        String all = shown;
        if (keyed) assertFalse(all.contains(FAKE_KEY), () -> replay + ": the key was shown:\n" + all);
    }

    private static LlmRing ring(String provider, LoopbackServer server) {
        Clock clock = Clock.systemUTC();
        Lockfile lockfile =
                Lockfile.empty(clock).bind("default", "fuzz", List.of(ModelRef.parse(MODELS.get(provider))), clock);
        LlmRing.Builder b = LlmRing.builder()
                .lockfile(lockfile)
                .environment(Map.<String, String>of()::get)
                .noRegistry()
                .retryPolicy(RetryPolicy.none())
                .circuitBreaker(CircuitBreakerPolicy.disabled())
                .timeouts(Timeouts.defaults().toBuilder()
                        .connect(Duration.ofSeconds(2))
                        .attempt(Duration.ofSeconds(4))
                        .deadline(Duration.ofSeconds(5))
                        .streamFirstEvent(Duration.ofSeconds(4))
                        .streamIdle(Duration.ofSeconds(4))
                        .build())
                .baseUrl(provider, server.root().resolve(provider.equals("google") ? "/v1beta" : "/v1"));
        if (hasKey(provider)) b.apiKey(provider, FAKE_KEY);
        return b.build();
    }

    /** The provider's recorded answers, streams and error bodies (request fixtures are not answers). */
    private static List<Fixture> fixtures(String provider) {
        List<Fixture> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/test/resources", provider))) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (Files.isDirectory(file) || name.startsWith("request-")) continue;
                String text = Files.readString(file);
                if (name.endsWith(".sse")) out.add(new Fixture(name, text, true, 200, "text/event-stream"));
                else if (name.endsWith(".ndjson")) {
                    out.add(new Fixture(name, text, true, 200, "application/x-ndjson"));
                } else if (name.startsWith("error-")) {
                    out.add(new Fixture(name, text, false, status(name), "application/json"));
                } else out.add(new Fixture(name, text, false, 200, "application/json"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (out.isEmpty()) fail("no fixtures for " + provider);
        return out;
    }

    /** The status in a fixture name such as {@code error-429-rate.json}; 500 when it names none. */
    private static int status(String name) {
        String[] parts = name.split("[-.]");
        return parts.length > 1 && parts[1].matches("[1-5][0-9][0-9]") ? Integer.parseInt(parts[1]) : 500;
    }
}
