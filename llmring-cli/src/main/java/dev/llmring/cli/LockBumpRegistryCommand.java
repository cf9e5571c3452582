package dev.llmring.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmring.lockfile.Lockfile;
import dev.llmring.lockfile.Profile;
import dev.llmring.registry.Registry;
import dev.llmring.registry.RegistryException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code llmring lock bump-registry}: pin the current registry version of every provider a profile uses. */
@Command(
        name = "bump-registry",
        mixinStandardHelpOptions = true,
        description = {
            "Pin the current registry versions.",
            "Sets registry_versions to the registry's current version for every provider the profile's pools use"
                    + " (all profiles unless --profile). Pins of providers no pool uses are kept; providers the"
                    + " registry has no data for (such as ollama) are not pinned.",
            "Fetches current data first unless --offline. Writes the lockfile only when a pin changes."
        })
final class LockBumpRegistryCommand implements Callable<Integer> {
    @Option(names = "--profile", paramLabel = "PROFILE", description = "Only this profile (default: every profile).")
    @Nullable
    String profile;

    private final Session session;

    LockBumpRegistryCommand(Session session) {
        this.session = session;
    }

    /** One provider's pin before and after. */
    private record Bump(String profile, String provider, @Nullable Integer before, int after) {}

    @Override
    public Integer call() {
        Lockfile lock = session.lockfile();
        Path path = session.editablePath(lock);
        Registry registry = session.registry();
        Map<String, Integer> current = new LinkedHashMap<>();
        List<Bump> bumps = new java.util.ArrayList<>();
        Lockfile edited = lock;
        for (Profile p : Profiles.selected(session, lock, profile)) {
            Map<String, Integer> pins = new LinkedHashMap<>(p.registryVersions());
            for (String provider : Profiles.modelsByProvider(p).keySet()) {
                int version = current.computeIfAbsent(provider, prov -> currentVersion(registry, prov));
                if (version <= 0) continue;
                Integer before = pins.put(provider, version);
                bumps.add(new Bump(p.name(), provider, before, version));
            }
            if (!pins.equals(p.registryVersions())) {
                edited = edited.withRegistryVersions(p.name(), pins, session.context().clock);
            }
        }
        boolean changed = edited != lock;
        if (changed) edited.write(path);
        report(path, bumps, changed);
        return ExitCodes.OK;
    }

    private int currentVersion(Registry registry, String provider) {
        try {
            if (!session.offline()) registry.refresh(provider);
            return registry.currentVersion(provider);
        } catch (IllegalArgumentException e) {
            return 0; // not a name the registry can have (its names are lower case)
        } catch (RegistryException e) {
            throw Session.registryFailure("cannot read the registry for " + provider, e);
        }
    }

    private void report(Path path, List<Bump> bumps, boolean changed) {
        if (session.json()) {
            ObjectNode out = session.object();
            out.put("lockfile", path.toString());
            out.put("changed", changed);
            var list = out.putArray("pins");
            for (Bump b : bumps) {
                ObjectNode node = list.addObject().put("profile", b.profile()).put("provider", b.provider());
                if (b.before() == null) node.putNull("before");
                else node.put("before", b.before());
                node.put("after", b.after());
            }
            session.printJson(out);
            return;
        }
        var out = session.out();
        if (bumps.isEmpty()) {
            out.println("Nothing to pin: no pooled provider has registry data.");
            return;
        }
        Table table = new Table("PROFILE", "PROVIDER", "PINNED", "NOW");
        for (Bump b : bumps) {
            table.row(
                    b.profile(),
                    b.provider(),
                    b.before() == null ? "-" : b.before(),
                    b.after() + (b.before() != null && b.before() == b.after() ? " (unchanged)" : ""));
        }
        table.print(out, "");
        out.println(changed ? "Updated " + path + "." : "All pins were current; " + path + " unchanged.");
    }
}
