/**
 * Machinery the four adapters share: the JSON mapper and tree helpers, the provider-options merge policy, endpoint
 * joining, and the stable ids of tool calls a provider sends without one. Not exported by {@code module-info}:
 * nothing here is a promise to users.
 */
@NullMarked
package dev.llmring.providers.internal;

import org.jspecify.annotations.NullMarked;
