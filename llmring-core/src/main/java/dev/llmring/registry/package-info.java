/**
 * The LLMRing model registry and cost accounting: {@link dev.llmring.registry.Registry} (fetching and caching the
 * registry's documents), {@link dev.llmring.registry.ModelInfo} (one model's prices, limits and capabilities),
 * {@link dev.llmring.registry.CostCalculator} (a call's {@link dev.llmring.Cost}),
 * {@link dev.llmring.registry.ModelPolicy} (allowed and denied models), and the checks of a lockfile against the
 * registry ({@link dev.llmring.registry.RegistryValidation}, {@link dev.llmring.registry.RegistryDrift}).
 *
 * <p>Null policy: nothing in this package accepts or returns {@code null} unless it is marked {@code @Nullable};
 * optional values are returned as {@link java.util.Optional}.
 */
@NullMarked
package dev.llmring.registry;

import org.jspecify.annotations.NullMarked;
