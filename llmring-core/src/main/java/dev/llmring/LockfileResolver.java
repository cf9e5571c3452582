package dev.llmring;

import dev.llmring.lockfile.Lockfile;
import dev.llmring.lockfile.LockfileException;
import dev.llmring.lockfile.ModelRef;
import dev.llmring.lockfile.Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Pools from the lockfile, in one profile chosen when the client was built. */
final class LockfileResolver implements PoolResolver {
    private final Lockfile lockfile;
    private final Profile lockfileProfile;
    private final String profile;
    private final String digest;

    LockfileResolver(Lockfile lockfile, Profile profile) {
        this.lockfile = lockfile;
        this.lockfileProfile = profile;
        this.profile = profile.name();
        this.digest = lockfile.digest();
    }

    @Override
    public String lockDigest() {
        return digest;
    }

    @Override
    public String profile() {
        return profile;
    }

    @Override
    public Profile lockfileProfile() {
        return lockfileProfile;
    }

    @Override
    public List<Target> resolve(String model, Set<String> knownProviders) {
        List<ModelRef> refs;
        try {
            refs = lockfile.resolve(model, profile, knownProviders);
        } catch (LockfileException e) {
            String where = lockfile.source().map(s -> " (lockfile " + s + ")").orElse("");
            throw new NoUsableBindingException(
                    "cannot resolve '" + model + "' in profile '" + profile + "'" + where + ": " + e.getMessage(),
                    List.of(model + ": " + e.getMessage()),
                    null);
        }
        List<Target> pool = new ArrayList<>(refs.size());
        for (ModelRef ref : refs) pool.add(new Target(ref.provider(), ref.model()));
        return pool;
    }
}
