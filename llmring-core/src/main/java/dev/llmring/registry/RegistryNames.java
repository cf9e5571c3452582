package dev.llmring.registry;

import java.util.Objects;
import java.util.regex.Pattern;

/** Name rules shared by the registry's URLs, cache paths and lookups. */
final class RegistryNames {
    /** A provider name is used in URLs and file paths, so it is kept to a safe alphabet (no '/', '.', '..'). */
    private static final Pattern PROVIDER = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private RegistryNames() {}

    static String requireProvider(String provider) {
        Objects.requireNonNull(provider, "provider");
        if (!PROVIDER.matcher(provider).matches()) {
            throw new IllegalArgumentException(
                    "provider must be lower-case letters, digits, '_' or '-' (at most 64), was '" + provider + "'");
        }
        return provider;
    }

    static int requireVersion(int version) {
        if (version < 1) throw new IllegalArgumentException("registry version must be positive, was " + version);
        return version;
    }
}
