/**
 * The llmring API: build an {@link dev.llmring.LlmRing} once, then call models by alias.
 *
 * <p>Null policy: nothing in this package accepts or returns {@code null} unless it is marked {@code @Nullable};
 * optional values are returned as {@link java.util.Optional}. Every exception thrown by a call is a subclass of the
 * unchecked {@link dev.llmring.LlmRingException}; argument misuse is {@link IllegalArgumentException} or
 * {@link IllegalStateException}.
 */
@NullMarked
package dev.llmring;

import org.jspecify.annotations.NullMarked;
