package dev.llmring;

import java.util.List;
import java.util.Set;

/**
 * Turns a request's model string (alias, {@code pkg:alias} or {@code provider:model}) into its ordered pool in the
 * client's profile. Backed by the lockfile; results are cached per model string by the router.
 */
interface PoolResolver {

    /** The profile the client routes in. */
    String profile();

    /** The profile as the lockfile has it (registry pins, binding constraints); null without a lockfile. */
    default dev.llmring.lockfile.@org.jspecify.annotations.Nullable Profile lockfileProfile() {
        return null;
    }

    /** The digest of the lockfile the pools come from ({@code Lockfile.digest()}); null without a lockfile. */
    default @org.jspecify.annotations.Nullable String lockDigest() {
        return null;
    }

    /**
     * The pool for {@code model}, in order, never empty.
     *
     * @param knownProviders the providers the client can call, so that {@code provider:model} is told apart from
     *     {@code pkg:alias}
     * @throws NoUsableBindingException when {@code model} resolves to nothing, naming what was tried
     */
    List<Target> resolve(String model, Set<String> knownProviders);

    /** Resolves {@code provider:model} references only: the client has no lockfile. */
    static PoolResolver direct(String profile, String whyNoLockfile) {
        return new PoolResolver() {
            @Override
            public String profile() {
                return profile;
            }

            @Override
            public List<Target> resolve(String model, Set<String> knownProviders) {
                Target t = Target.parse(model);
                if (t != null && knownProviders.contains(t.provider())) return List.of(t);
                String message = "'" + model + "' is not a provider:model reference of a known provider "
                        + knownProviders.stream().sorted().toList() + ", and aliases need a lockfile: "
                        + whyNoLockfile;
                throw new NoUsableBindingException(message, List.of(model + ": " + message), null);
            }
        };
    }
}
