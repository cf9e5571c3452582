package dev.llmring.internal.fetch;

import dev.llmring.RemoteUrlPolicy;
import dev.llmring.RemoteUrlRefusedException;
import dev.llmring.RemoteUrlRefusedException.Rule;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * Downloads an image or document given by URL for a provider that needs the bytes, without letting the URL reach
 * into the caller's network. Immutable and thread-safe; build one per {@link RemoteUrlPolicy} and reuse it.
 *
 * <p>The one entry point is {@link #fetch(URI)}. In order, it refuses (with {@link RemoteUrlRefusedException} naming
 * the {@link Rule}): fetching switched off; any scheme but {@code https}; a URL it cannot parse unambiguously; user
 * info; a host off the allowlist; a name that does not resolve; a host that is, or resolves to, any non-public
 * address ({@link PublicAddresses}). It resolves the name once, connects only to an address it checked (so DNS
 * rebinding cannot switch it), and speaks TLS to that address while verifying the certificate for the URL's host
 * name (SNI and endpoint identification {@code HTTPS}). Then it refuses: any status but 200 (redirects are never
 * followed), a content type off the allowlist, a body over the size cap (by header, or while reading), bytes whose
 * magic does not match the declared type, and any connect, read or total time bound passed.
 */
public final class SafeFetcher {
    /** The environment variable that switches fetching on ({@code true}, {@code 1}, {@code yes} or {@code on}). */
    public static final String ALLOW_ENV = "LLMRING_ALLOW_REMOTE_URLS";

    private final RemoteUrlPolicy policy;
    private final boolean enabled;
    private final HostResolver resolver;
    private final AddressPolicy addressPolicy;
    private final SocketOpener opener;
    private final @Nullable SSLContext sslContext;
    /** Made at the first fetch: the JDK's default one loads the trust store, which most clients never need here. */
    private volatile @Nullable SSLSocketFactory tls;

    private final LongSupplier nanos;

    private SafeFetcher(Builder b) {
        this.policy = b.policy;
        this.enabled = enabled(b.policy, b.environment);
        this.resolver = b.resolver;
        this.addressPolicy = b.addressPolicy;
        this.opener = b.opener;
        this.sslContext = b.sslContext;
        this.nanos = b.nanos;
    }

    private SSLSocketFactory tls() {
        SSLSocketFactory f = tls;
        if (f == null) {
            f = sslContext == null ? (SSLSocketFactory) SSLSocketFactory.getDefault() : sslContext.getSocketFactory();
            tls = f;
        }
        return f;
    }

    /**
     * The production fetcher: system DNS, the JDK's default trust store, real time.
     *
     * @param environment reads environment variables (normally {@code System::getenv}); {@value #ALLOW_ENV} set to
     *     {@code true} switches fetching on even when the policy leaves it off
     */
    public static SafeFetcher create(RemoteUrlPolicy policy, Function<String, @Nullable String> environment) {
        return builder(policy).environment(environment).build();
    }

    public static Builder builder(RemoteUrlPolicy policy) {
        return new Builder(policy);
    }

    /**
     * Whether a fetcher built for {@code policy} and {@code environment} would be switched on, without building one.
     *
     * @param policy the policy
     * @param environment reads environment variables; {@value #ALLOW_ENV} is read
     * @return whether fetching is switched on, by the policy or by {@value #ALLOW_ENV}
     */
    public static boolean enabled(RemoteUrlPolicy policy, Function<String, @Nullable String> environment) {
        return policy.enabled() || isTrue(environment.apply(ALLOW_ENV));
    }

    /** Whether fetching is switched on, by the policy or by {@value #ALLOW_ENV}. */
    public boolean enabled() {
        return enabled;
    }

    /**
     * Downloads {@code url} under the policy.
     *
     * @param url an {@code https} URL; parsed from its string form by the fetcher's own strict parser
     * @return the bytes and their media type, confirmed by the bytes' magic
     * @throws RemoteUrlRefusedException when any rule refuses the URL or the download; {@link
     *     RemoteUrlRefusedException#rule()} says which. Nothing is connected to before every address check passed.
     */
    public FetchedMedia fetch(URI url) {
        return fetch(Objects.requireNonNull(url, "url").toString());
    }

    /** Like {@link #fetch(URI)}, for URL text that {@link URI} would not hold (e.g. Unicode hosts). */
    public FetchedMedia fetch(String url) {
        Objects.requireNonNull(url, "url");
        if (!enabled) {
            throw Refusal.of(
                    Rule.DISABLED,
                    "a remote URL",
                    "fetching remote URLs is off (enable it in RemoteUrlPolicy or set " + ALLOW_ENV + "=true)");
        }
        ParsedUrl parsed = UrlParser.parse(url);
        if (!hostAllowed(parsed.host())) {
            throw Refusal.of(Rule.HOST_NOT_ALLOWED, parsed.display(), "the host is not on the allowlist");
        }
        Deadline deadline = new Deadline(nanos, policy.totalTimeout(), parsed.display());
        List<InetAddress> addresses = resolveOnce(parsed);
        for (InetAddress address : addresses) {
            String reason = addressPolicy.refusalReason(address);
            if (reason != null) {
                throw Refusal.of(
                        Rule.NON_PUBLIC_ADDRESS,
                        parsed.display(),
                        (parsed.host().literal() ? "is" : "resolves to") + " a non-public address "
                                + PublicAddresses.text(address) + " (" + reason + ")");
            }
        }
        return download(parsed, addresses, deadline);
    }

    /**
     * The canonical form of a host name or IP literal, as the fetcher compares it with an allowlist: lower-case
     * ASCII (IDN mapped), no trailing dot, IP literals in canonical text. A leading {@code *.} is kept.
     *
     * @throws IllegalArgumentException when the fetcher could not parse {@code host} unambiguously
     */
    public static String canonicalHost(String host) {
        Objects.requireNonNull(host, "host");
        if (host.startsWith("*.")) {
            HostParser.Host suffix = HostParser.parse(host.substring(2));
            if (suffix.literal()) throw new IllegalArgumentException("a wildcard needs a DNS name, not an address");
            return "*." + suffix.ascii();
        }
        boolean bareIpv6 = host.indexOf(':') >= 0 && !host.startsWith("[");
        return HostParser.parse(bareIpv6 ? "[" + host + "]" : host).ascii();
    }

    private boolean hostAllowed(HostParser.Host host) {
        Set<String> allowed = policy.allowedHosts();
        if (allowed.isEmpty() || allowed.contains(host.ascii())) return true;
        if (host.literal()) return false;
        for (String entry : allowed) {
            if (entry.startsWith("*.") && host.ascii().endsWith(entry.substring(1))) return true;
        }
        return false;
    }

    private List<InetAddress> resolveOnce(ParsedUrl url) {
        HostParser.Host host = url.host();
        if (host.literal()) return List.of(host.inetAddress());
        String internal = InternalNames.refusalReason(host.ascii());
        if (internal != null) throw Refusal.of(Rule.NON_PUBLIC_ADDRESS, url.display(), internal);
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host.ascii());
        } catch (UnknownHostException e) {
            throw Refusal.of(Rule.UNRESOLVABLE_HOST, url.display(), "the host name does not resolve", e);
        }
        if (addresses == null || addresses.isEmpty()) {
            throw Refusal.of(Rule.UNRESOLVABLE_HOST, url.display(), "the host name resolves to no address");
        }
        return List.copyOf(addresses);
    }

    private FetchedMedia download(ParsedUrl url, List<InetAddress> checked, Deadline deadline) {
        Socket plain = connect(url, checked, deadline);
        Socket ssl = null;
        try (Watchdog watchdog = Watchdog.start(plain, deadline.remaining())) {
            try {
                ssl = handshake(plain, url, deadline);
                return new HttpExchange(policy, url).run(ssl, deadline);
            } catch (IOException e) {
                throw failure(url, e, watchdog.fired());
            } catch (RemoteUrlRefusedException e) {
                if (watchdog.fired() && e.rule() != Rule.TIMEOUT) throw failure(url, e, true);
                throw e;
            }
        } finally {
            if (ssl != null) closeQuietly(ssl);
            closeQuietly(plain);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing was lost: the fetch is already over
        }
    }

    /** Connects to the checked addresses in order; the address, never the name, goes to the socket. */
    private Socket connect(ParsedUrl url, List<InetAddress> checked, Deadline deadline) {
        IOException last = null;
        for (InetAddress address : checked) {
            Duration left = deadline.remaining();
            Duration timeout = left.compareTo(policy.connectTimeout()) < 0 ? left : policy.connectTimeout();
            try {
                return opener.open(new InetSocketAddress(address, url.port()), timeout);
            } catch (IOException e) {
                last = e;
            }
        }
        throw failure(url, Objects.requireNonNull(last), false);
    }

    private SSLSocket handshake(Socket plain, ParsedUrl url, Deadline deadline) throws IOException {
        String host = url.host().ascii();
        SSLSocket ssl = (SSLSocket) tls().createSocket(plain, host, url.port(), true);
        try {
            SSLParameters params = ssl.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            if (!url.host().literal()) params.setServerNames(List.of(new SNIHostName(host)));
            ssl.setSSLParameters(params);
            ssl.setUseClientMode(true);
            ssl.setSoTimeout(deadline.nextReadTimeoutMillis(policy.readTimeout()));
            ssl.startHandshake();
            return ssl;
        } catch (IOException | RuntimeException e) {
            closeQuietly(ssl);
            throw e;
        }
    }

    private RemoteUrlRefusedException failure(ParsedUrl url, Exception e, boolean watchdogFired) {
        if (watchdogFired) {
            return Refusal.of(
                    Rule.TIMEOUT, url.display(), "took longer than " + policy.totalTimeout() + " in total", e);
        }
        if (e instanceof SocketTimeoutException) {
            return Refusal.of(Rule.TIMEOUT, url.display(), "timed out (" + e.getMessage() + ")", e);
        }
        if (e instanceof MalformedResponseException) {
            return Refusal.of(Rule.MALFORMED_RESPONSE, url.display(), e.getMessage(), e);
        }
        if (e instanceof SSLException) {
            return Refusal.of(Rule.TLS, url.display(), "TLS failed (" + e.getMessage() + ")", e);
        }
        return Refusal.of(Rule.CONNECTION_FAILED, url.display(), "connection failed (" + e + ")", e);
    }

    private static boolean isTrue(@Nullable String value) {
        return value != null
                && Set.of("true", "1", "yes", "on").contains(value.strip().toLowerCase(Locale.ROOT));
    }

    /** Builds a fetcher; every seam has a production default. */
    public static final class Builder {
        private final RemoteUrlPolicy policy;
        private Function<String, @Nullable String> environment = System::getenv;
        private HostResolver resolver = HostResolver.SYSTEM;
        private AddressPolicy addressPolicy = PublicAddresses.POLICY;
        private SocketOpener opener = SocketOpener.PLAIN;
        private @Nullable SSLContext sslContext;
        private LongSupplier nanos = System::nanoTime;

        private Builder(RemoteUrlPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
        }

        public Builder environment(Function<String, @Nullable String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        public Builder resolver(HostResolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /** Which addresses may be connected to; tests allow loopback here, nothing else should. */
        public Builder addressPolicy(AddressPolicy addressPolicy) {
            this.addressPolicy = Objects.requireNonNull(addressPolicy, "addressPolicy");
            return this;
        }

        public Builder socketOpener(SocketOpener opener) {
            this.opener = Objects.requireNonNull(opener, "opener");
            return this;
        }

        /** The TLS context whose trust decides which certificates are accepted; default: the JDK's. */
        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
            return this;
        }

        /** The nano source the total time bound is measured with; default {@link System#nanoTime()}. */
        public Builder nanoTime(LongSupplier nanos) {
            this.nanos = Objects.requireNonNull(nanos, "nanos");
            return this;
        }

        public SafeFetcher build() {
            return new SafeFetcher(this);
        }
    }
}
