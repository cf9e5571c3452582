/** The lockfile model and its codecs. Nothing here is null unless marked {@code @Nullable}. */
@NullMarked
package dev.llmring.lockfile;

import org.jspecify.annotations.NullMarked;
