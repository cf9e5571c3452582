package dev.llmring.lockfile;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Alias resolution for one lockfile, with the lockfiles of its extends packages loaded on first use from the
 * class loader ({@code META-INF/llmring/<package>/llmring.lock}) and cached. Thread-safe.
 */
final class Resolver {
    static final String PACKAGE_RESOURCE = "META-INF/llmring/%s/llmring.lock";

    private final Lockfile owner;
    private final ClassLoader loader;
    private final Map<String, Lockfile> packages = new ConcurrentHashMap<>();

    Resolver(Lockfile owner, ClassLoader loader) {
        this.owner = owner;
        this.loader = loader;
    }

    ClassLoader loader() {
        return loader;
    }

    List<ModelRef> resolve(String aliasOrRef, String profileName, Set<String> knownProviders) {
        Profile profile = owner.profile(profileName);
        int colon = aliasOrRef.indexOf(':');
        if (colon < 0) {
            Binding binding = profile.binding(aliasOrRef).orElse(null); // no lambdas: every call resolves here
            if (binding == null) throw notBound(profile, aliasOrRef);
            return binding.models();
        }
        String prefix = aliasOrRef.substring(0, colon);
        String rest = aliasOrRef.substring(colon + 1);
        if (ModelRef.isModelReference(aliasOrRef, knownProviders)) {
            try {
                return List.of(ModelRef.parse(aliasOrRef));
            } catch (IllegalArgumentException e) {
                throw fail(e.getMessage());
            }
        }
        Optional<Binding> override = profile.binding(aliasOrRef);
        if (override.isPresent()) {
            return override.get().models();
        }
        if (owner.extendsPackages().contains(prefix)) {
            return fromPackage(prefix, rest, profileName);
        }
        throw fail("'" + Names.printable(aliasOrRef) + "' is neither a model reference (provider '" + prefix
                + "' is not one of the known providers " + new TreeSet<>(knownProviders)
                + ") nor a package alias (package '" + prefix + "' is not among the extends packages "
                + owner.extendsPackages() + ")");
    }

    void require(String profileName, Set<String> knownProviders, String... aliases) {
        owner.profile(profileName); // an unknown profile is reported as such, not as every alias missing
        List<String> missing = new ArrayList<>();
        for (String alias : aliases) {
            try {
                resolve(alias, profileName, knownProviders);
            } catch (LockfileException e) {
                missing.add("'" + Names.printable(alias) + "' (" + e.detail() + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw fail("profile '" + profileName + "' cannot resolve " + missing.size()
                    + (missing.size() == 1 ? " alias: " : " aliases: ") + String.join("; ", missing));
        }
    }

    Lockfile packageLockfile(String pkg) {
        return packages.computeIfAbsent(pkg, this::loadPackage);
    }

    private List<ModelRef> fromPackage(String pkg, String alias, String profileName) {
        Lockfile shipped = packageLockfile(pkg);
        Profile profile = shipped.profiles().get(profileName);
        if (profile == null) {
            profile = shipped.profiles().get(shipped.defaultProfile());
        }
        if (profile == null) {
            throw fail("extends package '" + pkg + "' (" + shipped.source().orElse("?") + ") has neither profile '"
                    + profileName + "' nor its default profile '" + shipped.defaultProfile() + "'");
        }
        Profile used = profile;
        return used.binding(alias)
                .map(Binding::models)
                .orElseThrow(() -> fail("extends package '" + pkg + "' ("
                        + shipped.source().orElse("?") + ") binds no alias '" + Names.printable(alias)
                        + "' in profile '"
                        + used.name() + "'; its aliases: " + used.aliases()));
    }

    private Lockfile loadPackage(String pkg) {
        String resource = String.format(PACKAGE_RESOURCE, pkg);
        URL url = loader.getResource(resource);
        if (url == null) {
            throw new LockfileNotFoundException(
                    "extends package '" + pkg + "' has no lockfile on the classpath", List.of("classpath:" + resource));
        }
        return Lockfile.read(url, loader);
    }

    private LockfileException notBound(Profile profile, String alias) {
        return fail("alias '" + Names.printable(alias) + "' is not bound in profile '" + profile.name()
                + "'; bound aliases: " + profile.aliases());
    }

    private LockfileException fail(String detail) {
        return new LockfileException(detail, owner.source().orElse(null), 0, 0, null, null);
    }
}
