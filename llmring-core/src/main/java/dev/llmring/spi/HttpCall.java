package dev.llmring.spi;

import java.net.URI;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One HTTP request an adapter wants sent: always a {@code POST} of a JSON body. The core adds nothing but transport
 * headers; the adapter sets authentication and provider headers. Values of secret-bearing headers are never printed.
 */
public final class HttpCall {
    private static final Set<String> SECRET_HEADERS =
            Set.of("authorization", "proxy-authorization", "x-api-key", "api-key", "x-goog-api-key");

    private final URI uri;
    private final Map<String, String> headers;
    private final byte[] body;

    private HttpCall(URI uri, Map<String, String> headers, byte[] body) {
        this.uri = uri;
        this.headers = headers;
        this.body = body;
    }

    /**
     * A {@code POST} of a JSON body.
     *
     * @param uri the endpoint; must not carry credentials in its query (put keys in headers)
     * @param headers header names and values, in order (copied, unless made by {@link #fixedHeaders})
     * @param jsonBody the UTF-8 JSON body (not copied: the adapter hands it over)
     * @return the call
     * @throws IllegalArgumentException when the query has a {@code key}, {@code api_key} or {@code apikey} parameter
     */
    public static HttpCall post(URI uri, Map<String, String> headers, byte[] jsonBody) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(jsonBody, "jsonBody");
        String query = uri.getRawQuery();
        if (query != null && hasKeyParameter(query)) {
            throw new IllegalArgumentException("credentials belong in headers, not in the URL query");
        }
        return new HttpCall(uri, FixedHeaders.of(headers), jsonBody);
    }

    /**
     * An unmodifiable copy of {@code headers}, in order, that {@link #post} takes as it is instead of copying it
     * again: an adapter whose headers do not change between calls makes them once.
     *
     * @param headers header names and values, in order
     * @return the copy (the same map when {@code headers} was made here)
     * @throws NullPointerException when a name or value is null
     */
    public static Map<String, String> fixedHeaders(Map<String, String> headers) {
        return FixedHeaders.of(Objects.requireNonNull(headers, "headers"));
    }

    /** Header names and values, in order, unmodifiable: made once, iterated without copying. */
    private static final class FixedHeaders extends AbstractMap<String, String> {
        private final Set<Map.Entry<String, String>> entries;

        private FixedHeaders(List<Map.Entry<String, String>> list) {
            this.entries = new AbstractSet<>() {
                @Override
                public Iterator<Map.Entry<String, String>> iterator() {
                    return list.iterator();
                }

                @Override
                public int size() {
                    return list.size();
                }
            };
        }

        static FixedHeaders of(Map<String, String> headers) {
            if (headers instanceof FixedHeaders fixed) return fixed;
            List<Map.Entry<String, String>> entries = new ArrayList<>(headers.size());
            for (Map.Entry<String, String> e : headers.entrySet()) entries.add(Map.entry(e.getKey(), e.getValue()));
            return new FixedHeaders(List.copyOf(entries));
        }

        @Override
        public Set<Map.Entry<String, String>> entrySet() {
            return entries;
        }
    }

    private static boolean hasKeyParameter(String query) {
        for (String parameter : query.toLowerCase(Locale.ROOT).split("&", -1)) {
            if (parameter.startsWith("key=") || parameter.startsWith("api_key=") || parameter.startsWith("apikey=")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the value of header {@code name} is a secret that must never be printed.
     *
     * @param name a header name, any case
     * @return {@code true} for known credential headers and any name containing {@code key}, {@code token} or
     *     {@code secret}
     */
    public static boolean isSecretHeader(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return SECRET_HEADERS.contains(n) || n.contains("key") || n.contains("token") || n.contains("secret");
    }

    /** {@return the endpoint} */
    public URI uri() {
        return uri;
    }

    /** {@return the headers, unmodifiable} */
    public Map<String, String> headers() {
        return headers;
    }

    /** {@return the body bytes (not a copy: do not modify)} */
    public byte[] body() {
        return body;
    }

    /** The URI and header names, secret values redacted, no body. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("POST ").append(uri).append(" {");
        headers.forEach((k, v) -> sb.append(k)
                .append('=')
                .append(isSecretHeader(k) ? "<redacted>" : v)
                .append(", "));
        if (!headers.isEmpty()) sb.setLength(sb.length() - 2);
        return sb.append("} ").append(body.length).append(" bytes").toString();
    }
}
