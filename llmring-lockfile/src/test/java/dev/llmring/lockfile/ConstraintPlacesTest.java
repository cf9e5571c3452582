package dev.llmring.lockfile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A binding read from a file places errors about its constraints at their line and column. */
class ConstraintPlacesTest {

    @Test
    void aConstraintErrorNamesFileLineColumnAndField() {
        Lockfile lock = Lockfile.parse(
                "version = \"1.0\"\n[profiles.default]\nname = \"default\"\n[[profiles.default.bindings]]\n"
                        + "alias = \"chat\"\nmodels = [\"openai:gpt-4o\"]\n[profiles.default.bindings.constraints]\n"
                        + "rate_limits = { \"openai:gpt-4o\" = { requests_per_minute = \"x\" } }\n",
                Format.TOML,
                "llmring.lock");
        LockfileException e = lock.profile("default")
                .bindings()
                .get(0)
                .constraintError(List.of("rate_limits", "openai:gpt-4o", "requests_per_minute"), "bad");
        assertEquals(8, e.line());
        assertEquals(
                "profiles.default.bindings[0].constraints.rate_limits.\"openai:gpt-4o\".requests_per_minute",
                e.field().orElseThrow());
        assertEquals("llmring.lock", e.file().orElseThrow());
    }

    @Test
    void aBindingMadeInCodeNamesItsAliasOnly() {
        Binding b = Binding.of("chat", List.of(ModelRef.parse("openai:gpt-4o")));
        LockfileException e = b.constraintError(List.of("requests_per_minute"), "bad");
        assertEquals(0, e.line());
        assertEquals("alias 'chat'.constraints.requests_per_minute", e.field().orElseThrow());
    }
}
