package dev.llmring;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The client: calls models by alias. Build one per application with {@link #builder()}, share it (it is immutable
 * and thread-safe), and close it when done.
 *
 * <pre>{@code
 * try (LlmRing ring = LlmRing.builder().build()) {
 *     ChatResponse answer = ring.chat(ChatRequest.builder("summarizer").user(text).build());
 *     System.out.println(answer.text() + " (" + answer.binding() + ")");
 * }
 * }</pre>
 *
 * <p>A call resolves the request's model (an alias, {@code pkg:alias} or {@code provider:model}) to its pool in the
 * client's lockfile profile, then tries the pool's bindings in order under one deadline: retrying a binding on
 * transient failures, failing over to the next on failures another binding may not have, skipping bindings that
 * cannot be called (no key, breaker open). See {@code docs/errors.md} for what each failure does.
 */
public final class LlmRing implements AutoCloseable {
    private final RingConfig config;
    private final Shared shared;
    private final Router router;
    private final Planner planner;
    private final dev.llmring.receipts.@Nullable ServerClient ownedServer;
    private final Set<CallControl> calls = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    LlmRing(
            RingConfig config,
            Shared shared,
            Router router,
            Planner planner,
            dev.llmring.receipts.@Nullable ServerClient ownedServer) {
        this.config = config;
        this.shared = shared;
        this.router = router;
        this.planner = planner;
        this.ownedServer = ownedServer;
    }

    /** {@return a builder with the defaults: lockfile discovery, providers found by {@link java.util.ServiceLoader}} */
    public static Builder builder() {
        return new Builder(new RingConfig());
    }

    /**
     * A builder holding this client's configuration. A client built from it shares this one's HttpClient and threads
     * (unless its connect timeout differs) and has breakers of its own.
     *
     * @return a new builder; changing it does not change this client
     */
    public Builder toBuilder() {
        return new Builder(config.copyFor(shared));
    }

    /** {@return the lockfile profile this client routes in} */
    public String profile() {
        return router.settings.resolver().profile();
    }

    /**
     * Sends {@code request} and waits for the complete answer.
     *
     * @param request the request
     * @return the complete answer, with the binding that served it, usage, cost and routing trace
     * @throws NoUsableBindingException when no binding of the pool could be called (each one's reason listed)
     * @throws InvalidRequestException when the provider rejected the request as invalid (400/422)
     * @throws LlmRingTimeoutException when the call's deadline ran out (kind {@code DEADLINE}), or the last binding
     *     tried timed out
     * @throws LlmRingException any other failure of the last binding tried, earlier failures suppressed in it; every
     *     one carries the {@linkplain LlmRingException#trace() routing trace}
     * @throws CancellationException when the calling thread is interrupted (its interrupt flag stays set) or the
     *     client is closed during the call
     * @throws IllegalStateException when the client is closed
     */
    public ChatResponse chat(ChatRequest request) {
        Objects.requireNonNull(request, "request");
        CallControl control = open();
        try {
            return router.chat(request, control);
        } finally {
            control.done();
        }
    }

    /**
     * Sends {@code request} asking for JSON shaped like the record {@code type}, and returns the answer as that
     * record, checked against the same schema. When the request names no response format, the format is
     * {@link ResponseFormat#jsonSchema(Class)} of {@code type}; a request that names one keeps it. For the response
     * itself (usage, cost, trace), call {@link #chat(ChatRequest)} and {@link StructuredOutput#parse(ChatResponse,
     * Class)}.
     *
     * <pre>{@code
     * record Invoice(String customer, List<Line> lines, @Nullable String note) {}
     * Invoice invoice = ring.chat(ChatRequest.builder("extractor").user(text).build(), Invoice.class);
     * }</pre>
     *
     * @param <T> the record type
     * @param request the request; its response format is set to {@code type}'s schema unless it names one
     * @param type the record class the answer must match
     * @return the answer as a {@code type}
     * @throws StructuredOutputException when the answer is not valid JSON or does not match the schema, naming every
     *     violation (an invalid answer is not retried)
     * @throws IllegalArgumentException before anything is sent, when no schema can be derived from {@code type} or
     *     {@code dev.llmring.core} cannot construct a record in it (a record must be public in a package your module
     *     exports to, or opens to, {@code dev.llmring.core}, or sit on the class path)
     * @throws LlmRingException as {@link #chat(ChatRequest)} does
     * @throws CancellationException as {@link #chat(ChatRequest)} does
     * @throws IllegalStateException when the client is closed
     */
    public <T> T chat(ChatRequest request, Class<T> type) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(type, "type");
        dev.llmring.internal.schema.StructuredReader.requireReadable(type);
        ChatRequest asked = request.responseFormat().equals(ResponseFormat.TEXT)
                ? request.toBuilder()
                        .responseFormat(ResponseFormat.jsonSchema(type))
                        .build()
                : request;
        return StructuredOutput.parse(chat(asked), type);
    }

    /**
     * What this client would do with {@code request}, found without sending it: the bindings it may call in order,
     * and the most the call can cost on them at registry prices (see {@link CallPlan}). With the default registry,
     * this may wait for registry data being fetched (up to 10 s, once).
     *
     * @param request the request, as it would be sent
     * @return the plan: the bindings in order, those left out and why, and the worst-case cost
     * @throws NoUsableBindingException when the request's model resolves to no pool (an unknown alias)
     * @throws IllegalStateException when the client is closed
     */
    public CallPlan plan(ChatRequest request) {
        Objects.requireNonNull(request, "request");
        if (closed.get()) throw new IllegalStateException("the client is closed");
        return planner.plan(request);
    }

    /**
     * Sends {@code request} on a worker thread. Cancelling the future ({@code cancel(true)} or {@code cancel(false)})
     * aborts the HTTP exchange in flight and any backoff sleep.
     *
     * @param request the request
     * @return a future completed with the answer, or exceptionally with what {@link #chat} would throw
     * @throws IllegalStateException when the client is closed
     */
    public CompletableFuture<ChatResponse> chatAsync(ChatRequest request) {
        Objects.requireNonNull(request, "request");
        CallControl control = open();
        AsyncCall result = new AsyncCall(control);
        try {
            shared.executor.execute(() -> {
                if (result.isDone()) {
                    control.done();
                    return;
                }
                control.worker(Thread.currentThread());
                try {
                    result.complete(router.chat(request, control));
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                } finally {
                    control.worker(null);
                    Thread.interrupted(); // a cancel's interrupt must not reach the pool's next task
                    control.done();
                }
            });
        } catch (RejectedExecutionException e) {
            control.done();
            throw new IllegalStateException("the client is closed", e);
        }
        return result;
    }

    /**
     * Sends {@code request} for a streamed answer and returns once its first content event is ready: every failure
     * before that point is retried and failed over like {@link #chat}; after it, none is. The stream <strong>must be
     * closed</strong>; closing it before its end aborts the exchange.
     *
     * <pre>{@code
     * try (ChatStream stream = ring.stream(request)) {
     *     for (StreamEvent event : stream) {
     *         if (event instanceof StreamEvent.TextDelta d) System.out.print(d.text());
     *     }
     * }
     * }</pre>
     *
     * @param request the request
     * @return the stream, positioned before its first content event; must be closed
     * @throws LlmRingException as {@link #chat} does, for failures before the first content event
     * @throws CancellationException when the calling thread is interrupted or the client is closed meanwhile
     * @throws IllegalStateException when the client is closed
     */
    public ChatStream stream(ChatRequest request) {
        Objects.requireNonNull(request, "request");
        CallControl control = open();
        try {
            return router.stream(request, control);
        } catch (RuntimeException | Error e) {
            control.done();
            throw e;
        }
    }

    /**
     * Closes the client: new calls are refused, and calls and streams in flight are aborted at once, callers sleeping
     * before a retry included: each throws {@link CancellationException} (a stream from its iteration and
     * {@link ChatStream#response()}). The worker threads stop once every client sharing them is closed, and on Java 21+
     * the HttpClients too ({@code shutdownNow}: selector threads and pooled connections); on Java 17 to 20 those are
     * left to the garbage collector (see {@code docs/configuration.md}). A server client this client created
     * ({@link Builder#serverFromEnvironment()}) is closed too, flushing its queued usage records. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        for (CallControl c : calls) c.cancel();
        try {
            router.settings.limits().limiter().close();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(LlmRing.class).debug("closing the limiter failed: {}", e.toString());
        }
        shared.release();
        if (ownedServer != null) ownedServer.close();
    }

    /** The server client this client created and closes, if any. */
    dev.llmring.receipts.@Nullable ServerClient ownedServer() {
        return ownedServer;
    }

    private CallControl open() {
        if (closed.get()) throw new IllegalStateException("the client is closed");
        CallControl control = new CallControl();
        calls.add(control);
        control.onDone(() -> calls.remove(control));
        if (closed.get()) control.cancel();
        return control;
    }

    /** The HttpClient this client sends {@code https} with (shared with the clients derived from it). */
    java.net.http.HttpClient httpClient() {
        return shared.http();
    }

    /** Names the profile and the providers, never a key. */
    @Override
    public String toString() {
        return "LlmRing[profile=" + profile() + ", providers="
                + router.settings.providers().names() + (closed.get() ? ", closed" : "") + "]";
    }

    /** A future whose cancellation aborts the call. */
    private static final class AsyncCall extends CompletableFuture<ChatResponse> {
        private final CallControl control;

        AsyncCall(CallControl control) {
            this.control = control;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            control.cancel();
            return cancelled;
        }
    }

    /**
     * Builds an {@link LlmRing}. Setters validate at once and name the bad value; every setting has a default (see
     * {@code docs/configuration.md}).
     */
    public static final class Builder {
        private final RingConfig config;

        private Builder(RingConfig config) {
            this.config = config;
        }

        /**
         * Reads the lockfile at {@code path} when the client is built (it must exist), instead of discovering one.
         * Default: discovery, in order {@code LLMRING_LOCKFILE_PATH} (must exist), {@code ./llmring.lock},
         * {@code ./llmring.lock.json}, the classpath resource {@code llmring.lock}; when none is found the client
         * still serves {@code provider:model} references, and an alias fails naming every place looked.
         *
         * @param path the lockfile (TOML or JSON)
         * @return this builder
         */
        public Builder lockfile(java.nio.file.Path path) {
            config.lockfilePath = Objects.requireNonNull(path, "path");
            config.lockfile = null;
            return this;
        }

        /**
         * Uses {@code lockfile} (already read or built in code) instead of discovering one.
         *
         * @param lockfile the lockfile
         * @return this builder
         */
        public Builder lockfile(dev.llmring.lockfile.Lockfile lockfile) {
            config.lockfile = Objects.requireNonNull(lockfile, "lockfile");
            config.lockfilePath = null;
            return this;
        }

        /**
         * The lockfile profile to route in. Default: {@code LLMRING_PROFILE}, else the lockfile's
         * {@code default_profile}, else {@code default}.
         *
         * @param profile the profile's name
         * @return this builder
         * @throws IllegalArgumentException when blank
         */
        public Builder profile(String profile) {
            Objects.requireNonNull(profile, "profile");
            if (profile.isBlank()) throw new IllegalArgumentException("profile must not be blank");
            config.profile = profile;
            return this;
        }

        /**
         * The API key of {@code provider}, replacing the one its environment variables hold. Never logged or printed.
         *
         * @param provider the provider's name, e.g. {@code openai}
         * @param apiKey the key
         * @return this builder
         * @throws IllegalArgumentException when the provider name is malformed or the key blank or containing
         *     whitespace (the message never shows the key)
         */
        public Builder apiKey(String provider, String apiKey) {
            Objects.requireNonNull(apiKey, "apiKey");
            config.apiKeys.put(RingConfig.providerName(provider), dev.llmring.spi.ApiKey.of(apiKey));
            return this;
        }

        /**
         * A base URL for {@code provider} replacing its default (a proxy, a gateway, a test server).
         *
         * @param provider the provider's name, e.g. {@code openai}
         * @param baseUrl the absolute http(s) base URL
         * @return this builder
         * @throws IllegalArgumentException unless an absolute http(s) URL, or when the provider name is malformed
         */
        public Builder baseUrl(String provider, java.net.URI baseUrl) {
            config.baseUrls.put(RingConfig.providerName(provider), RingConfig.httpUrl(baseUrl));
            return this;
        }

        /**
         * Registers a provider, replacing one of the same name found by {@link java.util.ServiceLoader}.
         *
         * @param factory the provider's factory; its {@code name()} is the provider name bindings use
         * @return this builder
         * @throws IllegalArgumentException when the factory's name is malformed
         */
        public Builder provider(dev.llmring.spi.ProviderFactory factory) {
            Objects.requireNonNull(factory, "factory");
            config.factories.put(RingConfig.providerName(factory.name()), factory);
            return this;
        }

        /**
         * Registers a server that speaks another provider's protocol under its own name, e.g.
         * {@code compatibleProvider("groq", "openai", URI.create("https://api.groq.com/openai/v1"))}: lockfile
         * bindings then name it ({@code groq:llama-3.3-70b}). Its key comes from {@link #apiKey} with its name, else
         * the environment variable {@code NAME_API_KEY} ({@code GROQ_API_KEY}).
         *
         * @param name the provider name lockfile bindings use, e.g. {@code groq}
         * @param protocol the name of the provider factory whose protocol the server speaks
         * @param baseUrl the server's absolute http(s) base URL
         * @return this builder
         * @throws IllegalArgumentException when a name is malformed or the URL is not an absolute http(s) URL; a
         *     protocol no factory serves fails {@link #build()}
         */
        public Builder compatibleProvider(String name, String protocol, java.net.URI baseUrl) {
            config.compatibles.put(
                    RingConfig.providerName(name),
                    new Providers.Compatible(
                            RingConfig.providerName(name),
                            RingConfig.providerName(protocol),
                            RingConfig.httpUrl(baseUrl)));
            return this;
        }

        /**
         * The rate, concurrency and spend limits, made by {@code factory} when the client is built (each client built
         * gets its own limiter from it), instead of the factory a limits module provides through
         * {@link java.util.ServiceLoader}. Without either, calls are not limited. See {@code docs/limits.md}.
         *
         * @param factory makes the limiter of each client built
         * @return this builder
         */
        public Builder limits(dev.llmring.limits.LimiterFactory factory) {
            config.limits = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /**
         * Whether to find providers with {@link java.util.ServiceLoader} (default true).
         *
         * @param discover false to use only the providers registered with {@link #provider}
         * @return this builder
         */
        public Builder discoverProviders(boolean discover) {
            config.discoverProviders = discover;
            return this;
        }

        /**
         * The connect, attempt, deadline and stream bounds. Default {@link Timeouts#defaults()}; a request's own
         * {@link ChatRequest#timeout()} replaces the deadline for that call.
         *
         * @param timeouts the bounds
         * @return this builder
         */
        public Builder timeouts(Timeouts timeouts) {
            config.timeouts = Objects.requireNonNull(timeouts, "timeouts");
            return this;
        }

        /**
         * The proxy provider calls go through (default: the JDK's default {@link java.net.ProxySelector}, which reads
         * the {@code http.proxyHost} / {@code https.proxyHost} system properties). Applies to both HttpClients llmring
         * builds ({@code https} endpoints tunnel with {@code CONNECT}); never to the safe fetcher, which connects only
         * to the address it checked, nor to the registry or the usage server, which have builders of their own.
         *
         * @param selector chooses the proxy for each provider URL
         * @return this builder
         * @throws NullPointerException when {@code selector} is null
         */
        public Builder proxy(java.net.ProxySelector selector) {
            config.network = config.network.withProxy(Objects.requireNonNull(selector, "proxy"));
            return this;
        }

        /**
         * One HTTP proxy for every provider call: {@code proxy(ProxySelector.of(address))}.
         *
         * @param address the proxy's host and port
         * @return this builder
         * @throws NullPointerException when {@code address} is null
         * @throws IllegalArgumentException when {@code address} has port 0
         */
        public Builder proxy(java.net.InetSocketAddress address) {
            Objects.requireNonNull(address, "proxy");
            if (address.getPort() == 0) {
                throw new IllegalArgumentException("proxy address needs a port, was " + address);
            }
            return proxy(java.net.ProxySelector.of(address));
        }

        /**
         * The TLS context of the client for {@code https} endpoints (default: the JDK's default context), e.g. one
         * that trusts a company's certificate authority or presents a client certificate. The host name is still
         * verified. Never used by the safe fetcher, the registry or the usage server.
         *
         * @param context the TLS context
         * @return this builder
         * @throws NullPointerException when {@code context} is null
         */
        public Builder sslContext(javax.net.ssl.SSLContext context) {
            config.network = config.network.withSslContext(Objects.requireNonNull(context, "sslContext"));
            return this;
        }

        /**
         * An HttpClient of the application's own, used as it is for every provider call, {@code http} and
         * {@code https}. llmring does not configure it: its proxy, TLS context, executor, HTTP version and connect
         * timeout are its own ({@link Timeouts#connect()} then does not apply; the attempt, stream and deadline
         * bounds still do). {@link LlmRing#close()} never shuts it down: the application owns it. The safe fetcher,
         * the registry and the usage server do not use it. {@link #build()} refuses it together with {@link #proxy}
         * or {@link #sslContext}.
         *
         * @param client the application's HttpClient, with {@code Redirect.NEVER}
         * @return this builder
         * @throws NullPointerException when {@code client} is null
         * @throws IllegalArgumentException when {@code client} follows redirects (it must use
         *     {@code HttpClient.Redirect.NEVER}: a followed redirect would resend the request, credentials included,
         *     somewhere else)
         */
        public Builder httpClient(java.net.http.HttpClient client) {
            Objects.requireNonNull(client, "httpClient");
            if (client.followRedirects() != java.net.http.HttpClient.Redirect.NEVER) {
                throw new IllegalArgumentException(
                        "httpClient must not follow redirects (HttpClient.Redirect.NEVER), was "
                                + client.followRedirects());
            }
            config.network = config.network.withClient(client);
            return this;
        }

        /**
         * How often and after how long a failed attempt is retried on the same binding before failing over. Default
         * {@link RetryPolicy#defaults()}.
         *
         * @param retryPolicy the policy
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            config.retry = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /**
         * When a binding that keeps failing is skipped for a while. Default {@link CircuitBreakerPolicy#defaults()}; each
         * client has breakers of its own.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder circuitBreaker(CircuitBreakerPolicy policy) {
            config.breaker = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * The most bytes of one answer the client holds in memory (default 8 MiB, 8,388,608): a non-streamed response
         * body (refused at once when its {@code Content-Length} is larger, else as soon as the bytes read pass it,
         * never buffered further), one event of a stream, and the text, reasoning and tool arguments a stream
         * assembles (counted in characters). An answer over the cap ends the attempt with a
         * {@link StreamException}, which fails over to the next binding (before a stream's first content event) and
         * is not retried. Error bodies are read only up to their first 64 KiB, whatever this says.
         *
         * @param bytes the cap, in bytes
         * @return this builder
         * @throws IllegalArgumentException unless between 1024 and {@code Integer.MAX_VALUE - 8}
         */
        public Builder maxResponseBytes(int bytes) {
            if (bytes < 1024 || bytes > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(
                        "maxResponseBytes must be between 1024 and " + (Integer.MAX_VALUE - 8) + ", was " + bytes);
            }
            config.maxResponseBytes = bytes;
            return this;
        }

        /**
         * Adds a listener; listeners are called in the order added.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(LlmRingListener listener) {
            config.listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * The clock for deadlines, durations and {@code Retry-After} dates (default: the system UTC clock).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(java.time.Clock clock) {
            config.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * What waits between retries (default: {@link Sleeper#system()}).
         *
         * @param sleeper the sleeper
         * @return this builder
         */
        public Builder sleeper(Sleeper sleeper) {
            config.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * Where environment variables are read (API keys, {@code LLMRING_PROFILE}, {@code LLMRING_LOCKFILE_PATH},
         * provider hosts). Default {@link System#getenv(String)}; tests inject a map's {@code get}.
         *
         * @param env returns a variable's value by name, or {@code null} when unset
         * @return this builder
         */
        public Builder environment(java.util.function.Function<String, @org.jspecify.annotations.Nullable String> env) {
            config.environment = Objects.requireNonNull(env, "environment");
            return this;
        }

        /**
         * Whether and how images and documents given by URL may be downloaded, for providers that need the bytes
         * (Gemini, Ollama; every provider with {@link RemoteUrlPolicy#inlineAlways()}). Default
         * {@link RemoteUrlPolicy#disabled()}; {@code LLMRING_ALLOW_REMOTE_URLS=true} in the environment switches
         * fetching on (never off), with this policy's allowlist and limits. See {@code docs/remote-urls.md}.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder remoteUrls(RemoteUrlPolicy policy) {
            config.remoteUrls = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * The registry to read model capabilities, context windows and prices from, as configured (its own timeouts,
         * cache and offline setting). Default: the public LLMRing registry (or {@code LLMRING_REGISTRY_URL}) with the
         * shared disk cache, read on the call path only from cache and fetched in the background, so that a call never
         * waits on it; until its data is cached, responses are priced {@code registry_unavailable} and registry
         * checks do not apply. See {@code docs/registry-and-cost.md}.
         *
         * @param registry the registry
         * @return this builder
         */
        public Builder registry(dev.llmring.registry.Registry registry) {
            config.registry = Objects.requireNonNull(registry, "registry");
            config.registryOff = false;
            return this;
        }

        /**
         * Uses no registry: no capability or context-window checks, {@link ChatResponse#cost()} empty, cost limits
         * unenforceable (strict pricing then refuses every call). Lockfile {@code max_input_tokens} still applies.
         *
         * @return this builder
         */
        public Builder noRegistry() {
            config.registry = null;
            config.registryOff = true;
            return this;
        }

        /**
         * Which models may be called: a binding the policy refuses is skipped (by its name, and by its registry
         * aliases). The environment's {@code LLMRING_ALLOWED_MODELS} and {@code LLMRING_DENIED_MODELS} apply as well,
         * and narrow it further. Default: every model.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder modelPolicy(dev.llmring.registry.ModelPolicy policy) {
            config.modelPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * The most one call may cost, in US dollars, at its worst case (estimated input plus the output limit, at
         * registry prices). A binding whose worst case is higher is skipped; when none is left, the call fails with
         * {@link BudgetExceededException} before anything is sent. The lockfile's {@code max_cost_usd_per_call} and
         * {@link #maxCostPerCall(String, java.math.BigDecimal)} apply too: the lowest limit wins. Default: none.
         *
         * @param usd the limit, in US dollars
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder maxCostPerCall(java.math.BigDecimal usd) {
            config.maxCostPerCall = RingConfig.dollars(usd);
            return this;
        }

        /**
         * As {@link #maxCostPerCall(java.math.BigDecimal)}, for the calls whose request names {@code alias} (the model
         * string as given: alias, {@code pkg:alias} or {@code provider:model}).
         *
         * @param alias the model string as requests give it
         * @param usd the limit, in US dollars
         * @return this builder
         * @throws IllegalArgumentException when the alias is blank or the amount negative
         */
        public Builder maxCostPerCall(String alias, java.math.BigDecimal usd) {
            Objects.requireNonNull(alias, "alias");
            if (alias.isBlank()) throw new IllegalArgumentException("alias must not be blank");
            config.maxCostPerAlias.put(alias, RingConfig.dollars(usd));
            return this;
        }

        /**
         * Strict pricing (default off): a binding the registry cannot price (not listed, no prices, registry data
         * unavailable) is skipped, and so is one whose worst case cannot be bounded while a cost limit applies.
         * With the default registry, a strict call waits for registry data being fetched (up to 10 s).
         *
         * @param strict true to skip bindings that cannot be priced
         * @return this builder
         */
        public Builder strictPricing(boolean strict) {
            config.strictPricing = strict;
            return this;
        }

        /**
         * Whether a binding whose registry context window is smaller than the request's estimated input is skipped
         * (default true), or only logged at WARN and called anyway (the estimate is deliberately generous). Either
         * way, a provider's own overflow error fails over only to bindings with a larger window.
         *
         * @param enforce false to only warn about a too-small window
         * @return this builder
         */
        public Builder contextWindowCheck(boolean enforce) {
            config.enforceContextWindow = enforce;
            return this;
        }

        /**
         * Reports every successful call to an llmring server through {@code server}: one usage record (alias,
         * profile, binding, tokens, cost, latency, lockfile digest), queued without blocking; server trouble never
         * fails or slows a call. The client does not close {@code server}. Default: no reporting.
         *
         * @param server the server client
         * @return this builder
         */
        public Builder server(dev.llmring.receipts.ServerClient server) {
            config.server = Objects.requireNonNull(server, "server");
            config.serverFromEnvironment = false;
            return this;
        }

        /**
         * As {@link #server}, with a server client made from {@code LLMRING_SERVER_URL} and {@code LLMRING_API_KEY}
         * when the client is built (nothing is reported when the URL is not set). The client owns it: closing the
         * client closes it. Each client built, derived ones included, makes its own.
         *
         * <p>{@link #build()} then throws {@link IllegalArgumentException} when the URL is set but not https, or the
         * key is missing.
         *
         * @return this builder
         */
        public Builder serverFromEnvironment() {
            config.server = null;
            config.serverFromEnvironment = true;
            return this;
        }

        // Seams for tests; package-private.

        Builder usageSink(java.util.function.Consumer<dev.llmring.receipts.UsageRecord> sink) {
            config.usageSink = sink;
            return this;
        }

        Builder poolResolver(PoolResolver resolver) {
            config.resolver = resolver;
            return this;
        }

        Builder mediaFetcher(MediaFetcher fetcher) {
            config.fetcher = fetcher;
            return this;
        }

        Builder preflight(Preflight preflight) {
            config.preflight = preflight;
            return this;
        }

        Builder contextWindows(ContextWindows windows) {
            config.windows = windows;
            return this;
        }

        Builder afterResponse(AfterResponse afterResponse) {
            config.afterResponse = afterResponse;
            return this;
        }

        Builder random(java.util.function.DoubleSupplier random) {
            config.random = random;
            return this;
        }

        /**
         * Builds the client: reads the lockfile, selects the profile, finds and creates the providers.
         *
         * @return the client; close it when done
         * @throws dev.llmring.lockfile.LockfileNotFoundException when the lockfile given by {@link #lockfile(
         *     java.nio.file.Path)} or {@code LLMRING_LOCKFILE_PATH} does not exist
         * @throws dev.llmring.lockfile.LockfileException when the lockfile is invalid or the profile is not in it
         *     (listing the profiles there are)
         * @throws IllegalArgumentException when a compatible provider names an unknown protocol, a lockfile
         *     constraint is not a number, {@code LLMRING_REGISTRY_URL} or {@code LLMRING_ALLOWED_MODELS} /
         *     {@code LLMRING_DENIED_MODELS} are malformed, or (with {@link #serverFromEnvironment()}) the server
         *     settings are
         * @throws IllegalStateException when {@link #httpClient} is set together with {@link #proxy} or
         *     {@link #sslContext}
         */
        public LlmRing build() {
            return config.build();
        }
    }
}
