package dev.llmring.lockfile;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What a lockfile says: the decoded fields, plus unknown top-level keys and the warnings raised reading them. */
record LockfileContent(
        String version,
        @Nullable Stamp createdAt,
        @Nullable Stamp updatedAt,
        String defaultProfile,
        Map<String, Object> metadata,
        List<String> extendsPackages,
        Map<String, Profile> profiles,
        Map<String, Object> extra,
        List<String> warnings) {

    LockfileContent withProfile(Profile profile, Stamp now) {
        Map<String, Profile> next = new java.util.LinkedHashMap<>(profiles);
        next.put(profile.name(), profile);
        return new LockfileContent(
                version,
                createdOr(now),
                now,
                defaultProfile,
                metadata,
                extendsPackages,
                java.util.Collections.unmodifiableMap(next),
                extra,
                List.of());
    }

    /** {@code created_at}, or {@code now} when the file had none: an edit fills it, as LLMRing does on save. */
    private Stamp createdOr(Stamp now) {
        return createdAt != null ? createdAt : now;
    }

    /** The named profile; the error says how the name was chosen and lists the profiles there are. */
    Profile requireProfile(String name, String via, @Nullable String source) {
        Profile profile = profiles.get(name);
        if (profile == null) {
            throw new LockfileException(
                    "profile '" + Names.printable(name) + "'" + via + " not found; profiles: " + profiles.keySet(),
                    source,
                    0,
                    0,
                    null,
                    null);
        }
        return profile;
    }

    LockfileContent withDefaultProfile(String name, Stamp now) {
        return new LockfileContent(
                version, createdOr(now), now, name, metadata, extendsPackages, profiles, extra, List.of());
    }

    LockfileContent withExtendsPackages(List<String> packages, Stamp now) {
        return new LockfileContent(
                version, createdOr(now), now, defaultProfile, metadata, packages, profiles, extra, List.of());
    }

    LockfileContent withMetadata(Map<String, Object> next, Stamp now) {
        return new LockfileContent(
                version, createdOr(now), now, defaultProfile, next, extendsPackages, profiles, extra, List.of());
    }

    /** Equality of what was written, not of how it was read (warnings are left out). */
    boolean sameAs(LockfileContent o) {
        return version.equals(o.version)
                && java.util.Objects.equals(createdAt, o.createdAt)
                && java.util.Objects.equals(updatedAt, o.updatedAt)
                && defaultProfile.equals(o.defaultProfile)
                && metadata.equals(o.metadata)
                && extendsPackages.equals(o.extendsPackages)
                && profiles.equals(o.profiles)
                && extra.equals(o.extra);
    }

    int contentHash() {
        return java.util.Objects.hash(
                version, createdAt, updatedAt, defaultProfile, metadata, extendsPackages, profiles, extra);
    }
}
