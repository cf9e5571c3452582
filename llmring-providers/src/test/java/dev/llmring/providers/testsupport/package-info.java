/**
 * Test support shared by the adapters' tests: a recording {@link dev.llmring.spi.EventSink}, fixture loading from
 * {@code src/test/resources/<provider>/}, and SSE/NDJSON framing that feeds decoders as the core's framers would.
 */
@NullMarked
package dev.llmring.providers.testsupport;

import org.jspecify.annotations.NullMarked;
