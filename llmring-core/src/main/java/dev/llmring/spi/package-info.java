/**
 * The provider SPI: what an adapter implements so that llmring can talk to one more provider.
 *
 * <p>An adapter is a thin, stateless encoder and decoder. The core owns everything else: HTTP, SSE and NDJSON
 * framing, timeouts, retries, failover, circuit breaking, credentials and logging. A {@link
 * dev.llmring.spi.ProviderFactory} is found with {@link java.util.ServiceLoader} (declare it in {@code module-info}
 * with {@code provides} and in {@code META-INF/services}) or registered on the {@code LlmRing} builder.
 *
 * <p>One adapter, one code path: a non-streamed body is decoded into the same {@link dev.llmring.StreamEvent}s as a
 * stream, and the core assembles the response from them.
 *
 * <p>Null policy: nothing here accepts or returns {@code null} unless marked {@code @Nullable}.
 */
@NullMarked
package dev.llmring.spi;

import org.jspecify.annotations.NullMarked;
