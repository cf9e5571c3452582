/**
 * Test support for applications that use llmring: the {@link dev.llmring.testing.ScriptedProvider}, a provider
 * named {@code scripted} that answers from scripts over a loopback HTTP server, so that tests exercise the real
 * stack (lockfile, router, retries, failover, transport, decoding) offline.
 *
 * <p>Null policy: nothing here accepts or returns {@code null} unless marked {@code @Nullable}.
 */
@NullMarked
package dev.llmring.testing;

import org.jspecify.annotations.NullMarked;
