/** Small runnable programs, one idea each; {@link dev.llmring.examples.QuickStart} is the main job. */
@NullMarked
package dev.llmring.examples;

import org.jspecify.annotations.NullMarked;
