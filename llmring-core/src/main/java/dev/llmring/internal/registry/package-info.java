/**
 * Preflight checks the router runs against a candidate binding before calling it: capabilities, context window,
 * budget. Pure functions of a {@link dev.llmring.registry.ModelInfo} and a {@link dev.llmring.ChatRequest}. Not
 * exported: internal to {@code dev.llmring.core}.
 */
@NullMarked
package dev.llmring.internal.registry;

import org.jspecify.annotations.NullMarked;
