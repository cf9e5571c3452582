package dev.llmring.registry;

import java.util.Objects;

/** Name rules shared by the registry's URLs, cache paths and lookups. */
final class RegistryNames {
    /**
     * A provider name is used in URLs and file paths, so it is kept to a safe alphabet (no '/', '.', '..'):
     * {@code [a-z0-9][a-z0-9_-]{0,63}}, checked by a loop rather than a regular expression since every call's registry
     * lookup checks it.
     */
    private static final int MAX_PROVIDER = 64;

    private RegistryNames() {}

    static String requireProvider(String provider) {
        Objects.requireNonNull(provider, "provider");
        if (!isProvider(provider)) {
            throw new IllegalArgumentException(
                    "provider must be lower-case letters, digits, '_' or '-' (at most 64), was '" + provider + "'");
        }
        return provider;
    }

    private static boolean isProvider(String s) {
        int n = s.length();
        if (n == 0 || n > MAX_PROVIDER) return false;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (i > 0 && (c == '_' || c == '-'));
            if (!ok) return false;
        }
        return true;
    }

    static int requireVersion(int version) {
        if (version < 1) throw new IllegalArgumentException("registry version must be positive, was " + version);
        return version;
    }
}
