/**
 * Provider adapters: each sub-package holds one provider's wire encoding and decoding; {@code internal} holds what
 * they share (JSON helpers, the provider-options policy, endpoint joining, stable tool-call ids).
 */
@NullMarked
package dev.llmring.providers;

import org.jspecify.annotations.NullMarked;
