package dev.llmring;

import dev.llmring.lockfile.Binding;
import dev.llmring.lockfile.Profile;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Seam for checks made per binding before any HTTP: policy, capabilities (tools, vision, JSON schema, streaming),
 * context window and budgets, from the registry. The router asks before each binding it would call:
 *
 * <ul>
 *   <li>a reason (non-null) skips the binding: a {@code SKIPPED} attempt in the trace, and the reason in
 *       {@link NoUsableBindingException} if nothing is left;</li>
 *   <li>a {@link ContextWindowExceededException} skips it too, and later bindings are then tried only if their
 *       window is larger or unknown (see {@link ContextWindows});</li>
 *   <li>a {@link BudgetExceededException} skips it too (a cheaper binding may follow); when no binding is left to
 *       call, the call ends with a {@link BudgetExceededException} listing every binding's reason;</li>
 *   <li>any other {@link LlmRingException} ends the call before anything is sent.</li>
 * </ul>
 *
 * The client's preflight is {@link RegistryPreflight}; this default allows everything.
 */
@FunctionalInterface
interface Preflight {

    /** @return why the binding cannot serve the request, or null to call it */
    @Nullable
    String check(Check check);

    Preflight ALLOW = check -> null;

    /**
     * What a check knows: the request, the profile (by name, and as the lockfile has it, for registry pins and
     * binding constraints; null without a lockfile), the binding, and whether the call streams; and where the
     * registry entry it resolves is kept for pricing the response ({@link RegistryEntry}).
     */
    record Check(
            ChatRequest request,
            String profile,
            @Nullable Profile lockfileProfile,
            Target target,
            boolean streaming,
            RegistryEntry entry) {

        /** A check whose resolved registry entry nobody reads afterwards. */
        Check(
                ChatRequest request,
                String profile,
                @Nullable Profile lockfileProfile,
                Target target,
                boolean streaming) {
            this(request, profile, lockfileProfile, target, streaming, new RegistryEntry());
        }

        /** The constraints of the request's alias in the lockfile profile ({@code max_cost_usd_per_call} …). */
        Map<String, Object> constraints() {
            if (lockfileProfile == null) return Map.of();
            Binding binding = lockfileProfile.binding(request.model()).orElse(null); // no lambda: runs every call
            return binding == null ? Map.of() : binding.constraints();
        }

        /** The registry snapshot version the lockfile profile pins for the binding's provider. */
        Optional<Integer> pinnedRegistryVersion() {
            return lockfileProfile == null
                    ? Optional.empty()
                    : Optional.ofNullable(lockfileProfile.registryVersions().get(target.provider()));
        }
    }
}
