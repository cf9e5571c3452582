/** Provider adapters: each sub-package holds one provider's wire encoding and decoding. */
@NullMarked
package dev.llmring.providers;

import org.jspecify.annotations.NullMarked;
