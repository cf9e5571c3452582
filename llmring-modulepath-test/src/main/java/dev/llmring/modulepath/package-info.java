/** A one-class application that calls an alias. */
@NullMarked
package dev.llmring.modulepath;

import org.jspecify.annotations.NullMarked;
