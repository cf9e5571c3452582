/**
 * JMH benchmarks of llmring's call path against a raw JDK HttpClient + Jackson client, both calling a loopback fake
 * OpenAI server. Never published; see {@code docs/performance.md} for the command and the figures.
 */
@NullMarked
package dev.llmring.bench;

import org.jspecify.annotations.NullMarked;
