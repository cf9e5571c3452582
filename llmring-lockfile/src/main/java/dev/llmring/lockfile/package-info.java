/**
 * The llmring lockfile: {@link dev.llmring.lockfile.Lockfile} (profiles of alias bindings, registry pins, extends),
 * its TOML and JSON codecs, {@link dev.llmring.lockfile.Discovery discovery}, resolution, validation and digest.
 *
 * <p>All types here are immutable and safe to share between threads. Nothing is null unless marked
 * {@code @Nullable}; {@code Optional} appears only as a return type. Every failure to read, find or validate a
 * lockfile is a {@link dev.llmring.lockfile.LockfileException}; argument misuse is an
 * {@code IllegalArgumentException}. The format is described in {@code docs/lockfile.md}.
 */
@NullMarked
package dev.llmring.lockfile;

import org.jspecify.annotations.NullMarked;
