package dev.llmring.contract;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.llmring.CircuitBreakerPolicy;
import dev.llmring.LlmRing;
import dev.llmring.RetryPolicy;
import dev.llmring.Timeouts;
import dev.llmring.lockfile.Lockfile;
import dev.llmring.lockfile.ModelRef;
import dev.llmring.spi.ProviderFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * What a provider under the {@link ProviderContractTest} supplies, and the test bed it runs in: one WireMock server
 * on loopback per test class (reset before each test), and an {@link LlmRing} per scenario whose only provider is
 * the one under test, pointed at that server, with a lockfile built in code binding {@link ContractScript#ALIAS} to
 * {@code provider():model()}, a fake clock and a sleeper that records each delay and returns at once (retries never
 * wait), an empty environment, and circuit breakers off.
 *
 * <p>Each {@code stub…} method returns the WireMock mapping for one scenario in the provider's real wire shape: the
 * request it must match (method, path, credentials header, and the body fields that scenario is about) and the
 * response the provider would send, with the content {@link ContractScript} prescribes. Mappings are registered by
 * the contract (so do not put them in a WireMock scenario yourself). A request that matches no mapping fails the
 * scenario with WireMock's near-miss report.
 */
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
public abstract class ContractHarness {
    /** The API key the client is given; obviously fake. */
    public static final String API_KEY = "test-key-123";

    private final ContractTime time = new ContractTime();
    private @Nullable WireMockServer server;

    /** For subclasses. */
    protected ContractHarness() {}

    // ---------------------------------------------------------------- what a provider supplies

    /**
     * The provider's name, as its factory registers it and lockfile bindings name it ({@code openai}).
     *
     * @return the provider name
     */
    protected abstract String provider();

    /**
     * The model the lockfile binds (the model part of {@code provider:model}).
     *
     * @return the model name
     */
    protected abstract String model();

    /**
     * The factory of the adapter under test; the client is built with it alone (no {@code ServiceLoader}).
     *
     * @return a new factory
     */
    protected abstract ProviderFactory providerFactory();

    /**
     * The base URL to configure for the provider, given the WireMock server's root ({@code http://127.0.0.1:port}).
     * Default: the root itself. Override when the provider's base URL carries a path ({@code /v1}, {@code /v1beta}).
     *
     * @param serverRoot the server's root URL, {@code http://127.0.0.1:port}
     * @return the base URL the client is given for the provider
     */
    protected URI baseUrl(URI serverRoot) {
        return serverRoot;
    }

    /**
     * Whether the provider can do {@code capability}; default true. Scenarios needing one it cannot do are skipped.
     * Override only for what the provider's API genuinely cannot express, and document why.
     *
     * @param capability the capability a scenario needs
     * @return whether those scenarios run
     */
    protected boolean supports(Capability capability) {
        return true;
    }

    /**
     * The HTTP status the provider sends for {@code error}: by default 400, 401, 404, 429, 500 and 503.
     *
     * @param error the failure
     * @return its HTTP status
     */
    protected int statusOf(ErrorCase error) {
        return switch (error) {
            case INVALID_REQUEST -> 400;
            case AUTHENTICATION -> 401;
            case MODEL_NOT_FOUND -> 404;
            case RATE_LIMITED -> 429;
            case SERVER_ERROR -> 500;
            case OVERLOADED -> 503;
        };
    }

    /**
     * {@link ContractScript#plain()}, answered with {@link ContractScript#PLAIN_ANSWER}, finish stop and usage
     * {@link ContractScript#PLAIN_INPUT_TOKENS} in, {@link ContractScript#PLAIN_OUTPUT_TOKENS} out (no cached or
     * reasoning tokens). Streamed: the text in at least two pieces, the stream ending as the provider ends it.
     *
     * @param stream whether the streaming endpoint is stubbed (else the whole-answer one)
     * @return the mapping
     */
    protected abstract MappingBuilder stubPlainText(boolean stream);

    /**
     * {@link ContractScript#length()} (its output limit sent), answered {@link ContractScript#LENGTH_ANSWER}, cut.
     *
     * @param stream whether the streaming endpoint is stubbed (else the whole-answer one)
     * @return the mapping
     */
    protected abstract MappingBuilder stubLength(boolean stream);

    /**
     * {@link ContractScript#multiTurn()}: match the three turns as sent; answer
     * {@link ContractScript#MULTI_TURN_ANSWER}.
     *
     * @return the mapping
     */
    protected abstract MappingBuilder stubMultiTurn();

    /**
     * {@link ContractScript#systemPrompt()}: match the system prompt where the provider takes it.
     *
     * @return the mapping
     */
    protected abstract MappingBuilder stubSystemPrompt();

    /**
     * {@link ContractScript#image()}: match the image's base64 and media type; answer
     * {@link ContractScript#IMAGE_ANSWER}.
     *
     * @return the mapping
     */
    protected MappingBuilder stubImage() {
        throw missing("stubImage()", Capability.IMAGE_INPUT);
    }

    /**
     * {@link ContractScript#tools()}: match both tool definitions; answer two calls in one turn, {@code get_weather}
     * with {@link ContractScript#WEATHER_ARGUMENTS} then {@code get_time} with {@link ContractScript#TIME_ARGUMENTS},
     * finish tool_calls. Streamed: arguments in fragments where the provider streams them so.
     *
     * @param stream whether the streaming endpoint is stubbed (else the whole-answer one)
     * @return the mapping
     */
    protected MappingBuilder stubToolCalls(boolean stream) {
        throw missing("stubToolCalls(boolean)", Capability.TOOLS);
    }

    /**
     * {@link ContractScript#toolResults()}: match both results as sent back; answer
     * {@link ContractScript#TOOL_RESULTS_ANSWER}.
     *
     * @return the mapping
     */
    protected MappingBuilder stubToolResults() {
        throw missing("stubToolResults()", Capability.TOOLS);
    }

    /**
     * {@link ContractScript#structured()}: match the schema where the provider takes it; answer
     * {@link ContractScript#STRUCTURED_ANSWER} the provider's way, finish stop.
     *
     * @param stream whether the streaming endpoint is stubbed (else the whole-answer one)
     * @return the mapping
     */
    protected MappingBuilder stubStructuredOutput(boolean stream) {
        throw missing("stubStructuredOutput(boolean)", Capability.STRUCTURED_OUTPUT);
    }

    /**
     * {@link ContractScript#plain()}, answered with the plain answer and usage
     * {@link ContractScript#CACHED_INPUT_TOKENS} input tokens of which {@link ContractScript#CACHED_TOKENS} cached,
     * {@link ContractScript#PLAIN_OUTPUT_TOKENS} out.
     *
     * @return the mapping
     */
    protected MappingBuilder stubCachedUsage() {
        throw missing("stubCachedUsage()", Capability.CACHED_INPUT_TOKENS);
    }

    /**
     * {@link ContractScript#plain()}, answered with the plain answer and usage
     * {@link ContractScript#PLAIN_INPUT_TOKENS} in, {@link ContractScript#REASONING_OUTPUT_TOKENS} out of which
     * {@link ContractScript#REASONING_TOKENS} reasoning.
     *
     * @return the mapping
     */
    protected MappingBuilder stubReasoningUsage() {
        throw missing("stubReasoningUsage()", Capability.REASONING_TOKENS);
    }

    /**
     * {@link ContractScript#reasoningTools()} (match the reasoning option where the provider takes it): answer like
     * {@link #stubToolCalls(boolean)}, two calls, with the provider's opaque reasoning state as its docs show it (for
     * Anthropic a signed {@code thinking} block and a {@code redacted_thinking} block before the {@code tool_use}
     * blocks; for Gemini a {@code thoughtSignature} on a text part and on the first {@code functionCall}). Streamed:
     * the state the provider's streaming way ({@code signature_delta}, signatures on streamed parts).
     *
     * @param stream whether the streaming endpoint is stubbed
     * @return the mapping
     */
    protected MappingBuilder stubReasoningToolCalls(boolean stream) {
        throw missing("stubReasoningToolCalls(boolean)", Capability.REASONING_STATE);
    }

    /**
     * {@link ContractScript#reasoningToolResults} of the answer {@link #stubReasoningToolCalls} served: match the
     * whole conversation as the provider requires it, the state back in place and in order (the turns, not only their
     * presence); answer {@link ContractScript#TOOL_RESULTS_ANSWER} unstreamed.
     *
     * @return the mapping
     */
    protected MappingBuilder stubReasoningToolResults() {
        throw missing("stubReasoningToolResults()", Capability.REASONING_STATE);
    }

    /**
     * {@link ContractScript#plain()} failing with {@code error} as the provider sends it, on the chosen endpoint.
     *
     * @param error the failure to answer with
     * @param stream whether the streaming endpoint is stubbed (else the whole-answer one)
     * @return the mapping
     */
    protected abstract MappingBuilder stubError(ErrorCase error, boolean stream);

    /**
     * {@link ContractScript#plain()}, streamed: text pieces making a beginning of {@link ContractScript#PLAIN_ANSWER},
     * then the body ends before the provider's end of answer (no end marker, no finish).
     *
     * @return the mapping
     */
    protected abstract MappingBuilder stubStreamCut();

    /**
     * {@link ContractScript#plain()}, streamed: text pieces making a beginning of {@link ContractScript#PLAIN_ANSWER},
     * then an event that is not valid JSON.
     *
     * @return the mapping
     */
    protected abstract MappingBuilder stubMalformedEvent();

    /**
     * {@link ContractScript#plain()}, streamed: text pieces making a beginning of {@link ContractScript#PLAIN_ANSWER},
     * then the provider's error event for an overloaded or failing server (e.g. Anthropic's {@code overloaded_error}
     * event).
     *
     * @return the mapping
     */
    protected abstract MappingBuilder stubErrorEvent();

    /**
     * {@link ContractScript#plain()}, streamed: the provider's error event for an overloaded or failing server before
     * any content (Anthropic: after {@code message_start}). The contract retries it and then serves
     * {@link #stubPlainText stubPlainText(true)}.
     *
     * @return the mapping
     */
    protected abstract MappingBuilder stubErrorEventBeforeContent();

    // ---------------------------------------------------------------- for subclasses and scenarios

    /**
     * The WireMock server of this test class.
     *
     * @return the server, started
     */
    protected final WireMockServer server() {
        return Objects.requireNonNull(server, "the server starts before the first test");
    }

    /**
     * The server's root URL, {@code http://127.0.0.1:port}.
     *
     * @return the root URL
     */
    protected final URI serverRoot() {
        return URI.create("http://127.0.0.1:" + server().port());
    }

    /**
     * Registers {@code mapping} on the server.
     *
     * @param mapping the mapping to register
     * @return the registered stub
     */
    protected final StubMapping stub(MappingBuilder mapping) {
        return server().stubFor(mapping);
    }

    /**
     * A builder for the client under test (see the class documentation), with the default retry policy (3 attempts
     * per binding) and timeouts short enough that a hang fails the scenario in seconds.
     *
     * @return a new builder; scenarios may change it before building
     */
    protected LlmRing.Builder ringBuilder() {
        Lockfile lockfile = Lockfile.empty(time)
                .bind("default", ContractScript.ALIAS, List.of(new ModelRef(provider(), model())), time);
        return LlmRing.builder()
                .discoverProviders(false)
                .provider(providerFactory())
                .environment(Map.<String, String>of()::get)
                .noRegistry()
                .lockfile(lockfile)
                .profile("default")
                .apiKey(provider(), API_KEY)
                .baseUrl(provider(), baseUrl(serverRoot()))
                .clock(time)
                .sleeper(time)
                .retryPolicy(RetryPolicy.defaults())
                .circuitBreaker(CircuitBreakerPolicy.disabled())
                .timeouts(Timeouts.builder()
                        .connect(Duration.ofSeconds(5))
                        .attempt(Duration.ofSeconds(10))
                        .streamFirstEvent(Duration.ofSeconds(10))
                        .streamIdle(Duration.ofSeconds(10))
                        .deadline(Duration.ofMinutes(5))
                        .build());
    }

    /**
     * The delays the client slept in this test, in order (it never really sleeps).
     *
     * @return the delays, oldest first
     */
    protected final List<Duration> sleeps() {
        return time.sleeps();
    }

    /**
     * How many requests reached the server in this test.
     *
     * @return the number of requests served or unmatched since the test began
     */
    protected final int requestCount() {
        return server().getAllServeEvents().size();
    }

    /**
     * The text of the resource {@code path} (e.g. {@code openai/contract/plain.json}), UTF-8, found by the subclass's
     * class loader (a directory that is no package of a named module is readable from any module).
     *
     * @param path the resource path, relative to the class path root
     * @return the resource's text
     */
    protected final String fixture(String path) {
        String name = path.startsWith("/") ? path.substring(1) : path;
        ClassLoader loader =
                Objects.requireNonNullElse(getClass().getClassLoader(), ClassLoader.getSystemClassLoader());
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("no fixture " + name + " on the class or module path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private UnsupportedOperationException missing(String method, Capability capability) {
        return new UnsupportedOperationException(getClass().getSimpleName() + " must override " + method
                + ", or declare " + capability + " unsupported in supports(Capability) if the provider cannot do it");
    }

    // ---------------------------------------------------------------- lifecycle

    @BeforeAll
    final void startContractServer() {
        WireMockServer s = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        s.start();
        server = s;
        warmUp();
    }

    @AfterAll
    final void stopContractServer() {
        if (server != null) server.stop();
    }

    @BeforeEach
    final void resetContractServer() {
        server().resetAll();
        time.reset();
    }

    /** One exchange first, so that no scenario pays for the server's and the JDK client's start. */
    private void warmUp() {
        HttpClient client = HttpClient.newHttpClient();
        try {
            client.send(
                    HttpRequest.newBuilder(serverRoot().resolve("/__admin/health"))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
