/**
 * The safe fetcher: downloads an image or document given by URL without opening a way into the caller's network.
 * Not exported. The one entry point is {@link dev.llmring.internal.fetch.SafeFetcher#fetch(java.net.URI)}; the rest
 * (URL and host parsing, the address classification, the minimal HTTP/1.1 exchange over a pinned TLS socket) is
 * machinery. See {@code docs/remote-urls.md} for the rules and why each exists.
 */
@NullMarked
package dev.llmring.internal.fetch;

import org.jspecify.annotations.NullMarked;
