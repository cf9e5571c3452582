package dev.llmring;

import java.util.OptionalLong;

/**
 * Seam for context-window sizes, from the registry. After a binding rejected a request as too long for its context
 * window, the router fails over only to bindings whose window is known to be larger, or unknown; the default knows
 * no window, so every later binding is tried.
 */
@FunctionalInterface
interface ContextWindows {

    /** The context window of {@code target} in tokens, when known. */
    OptionalLong of(Target target);

    ContextWindows UNKNOWN = target -> OptionalLong.empty();
}
