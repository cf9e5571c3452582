package dev.llmring;

import java.net.ProxySelector;
import java.net.http.HttpClient;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * How provider calls reach the network, as the builder set it: a proxy and a TLS context for the HttpClients llmring
 * builds, or an HttpClient of the application's own, used as it is. The safe fetcher, the registry and the usage server
 * never use any of it (see docs/configuration.md, "Proxy, TLS and your own HttpClient").
 */
record Network(@Nullable ProxySelector proxy, @Nullable SSLContext sslContext, @Nullable HttpClient client) {
    static final Network DEFAULT = new Network(null, null, null);

    Network withProxy(ProxySelector selector) {
        return new Network(selector, sslContext, client);
    }

    Network withSslContext(SSLContext context) {
        return new Network(proxy, context, client);
    }

    Network withClient(HttpClient own) {
        return new Network(proxy, sslContext, own);
    }

    /**
     * @throws IllegalStateException when an HttpClient of the application's own is set together with a proxy or a TLS
     *     context, which would silently not apply to it
     */
    Network checked() {
        if (client != null && (proxy != null || sslContext != null)) {
            throw new IllegalStateException("httpClient(...) cannot be combined with "
                    + (proxy != null ? "proxy(...)" : "sslContext(...)")
                    + ": configure the proxy and TLS on your own HttpClient instead");
        }
        return this;
    }

    /** {@code builder} with the proxy, and for the {@code https} client ({@code tls}) the TLS context, applied. */
    HttpClient.Builder apply(HttpClient.Builder builder, boolean tls) {
        if (proxy != null) builder.proxy(proxy);
        if (tls && sslContext != null) builder.sslContext(sslContext);
        return builder;
    }
}
