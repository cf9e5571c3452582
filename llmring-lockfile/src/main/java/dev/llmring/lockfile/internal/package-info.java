/**
 * Machinery shared with {@code dev.llmring.core} only (module-info exports this package to that module alone):
 * RFC 8785 JSON canonicalization. Nothing here is null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.llmring.lockfile.internal;

import org.jspecify.annotations.NullMarked;
