package dev.llmring.internal.fetch;

/**
 * An {@code https} URL the fetcher accepted for fetching: its host, port and HTTP request target.
 *
 * @param host the parsed host
 * @param port the port, 443 unless given
 * @param target the request target (path and query, percent-encoded ASCII)
 * @param display scheme, host, port and path (shortened), for messages; never user info or query
 */
record ParsedUrl(HostParser.Host host, int port, String target, String display) {
    /** The {@code Host} header value. */
    String hostHeader() {
        return port == 443 ? host.authorityForm() : host.authorityForm() + ":" + port;
    }
}
