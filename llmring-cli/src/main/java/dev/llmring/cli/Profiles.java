package dev.llmring.cli;

import dev.llmring.lockfile.Binding;
import dev.llmring.lockfile.Lockfile;
import dev.llmring.lockfile.ModelRef;
import dev.llmring.lockfile.Profile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Small readings of profiles that several commands share. */
final class Profiles {
    private Profiles() {}

    /** The one profile asked for when {@code explicit} is given (LLMRING_PROFILE does not narrow), else every one. */
    static List<Profile> selected(Session session, Lockfile lock, @Nullable String explicit) {
        if (explicit != null && !explicit.isBlank()) return List.of(session.profile(lock, explicit));
        return new ArrayList<>(lock.profiles().values());
    }

    /** The models the profile's pools use, grouped by provider, each once, in file order. */
    static Map<String, Set<String>> modelsByProvider(Profile profile) {
        Map<String, Set<String>> byProvider = new LinkedHashMap<>();
        for (Binding b : profile.bindings()) {
            for (ModelRef m : b.models()) {
                byProvider
                        .computeIfAbsent(m.provider(), p -> new LinkedHashSet<>())
                        .add(m.model());
            }
        }
        return byProvider;
    }
}
