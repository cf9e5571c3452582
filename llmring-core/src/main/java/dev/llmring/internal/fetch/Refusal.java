package dev.llmring.internal.fetch;

import dev.llmring.RemoteUrlRefusedException;
import dev.llmring.RemoteUrlRefusedException.Rule;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Builds refusals with one message shape: the rule, what was being fetched (never user info or query) and why. */
final class Refusal {
    private Refusal() {}

    static RemoteUrlRefusedException of(Rule rule, String what, String why) {
        return of(rule, what, why, null);
    }

    static RemoteUrlRefusedException of(Rule rule, String what, String why, @Nullable Throwable cause) {
        String code = rule.name().toLowerCase(Locale.ROOT).replace('_', '-');
        return new RemoteUrlRefusedException("remote URL refused [" + code + "]: " + what + ": " + why, rule, cause);
    }
}
