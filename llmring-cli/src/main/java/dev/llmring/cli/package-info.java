/**
 * The {@code llmring} command: picocli commands over the lockfile, the registry and the provider factories. Commands
 * are thin; they read everything from the outside world (output streams, environment, working directory, clock,
 * standard input, provider factories) through a {@link dev.llmring.cli.CliContext}, so tests drive them in-process.
 */
@NullMarked
package dev.llmring.cli;

import org.jspecify.annotations.NullMarked;
