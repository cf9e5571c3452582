@NullMarked
package dev.llmring.registry;

import org.jspecify.annotations.NullMarked;
