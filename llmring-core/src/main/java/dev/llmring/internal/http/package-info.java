/**
 * Plain HTTP plumbing for small JSON documents (the registry, the llmring server), not exported: one bounded
 * exchange with no redirects, a size cap enforced while the body arrives and typed failures each caller maps to its
 * own errors. Provider traffic does not go through here. Nothing here is null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.llmring.internal.http;

import org.jspecify.annotations.NullMarked;
