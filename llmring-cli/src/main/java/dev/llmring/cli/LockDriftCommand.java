package dev.llmring.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmring.lockfile.Lockfile;
import dev.llmring.lockfile.Profile;
import dev.llmring.registry.ModelInfo;
import dev.llmring.registry.Registry;
import dev.llmring.registry.RegistryDrift;
import dev.llmring.registry.RegistryException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code llmring lock drift}: what moved in the registry since the profile pinned it. */
@Command(
        name = "drift",
        mixinStandardHelpOptions = true,
        description = {
            "Report registry changes since the pinned versions.",
            "Compares each pinned registry version with the registry's current data, for every provider the"
                    + " profile's pools use (all profiles unless --profile). Lists the changes (price, limit,"
                    + " capability, aliases, lifecycle, removal) to the models in use.",
            "Exit status 1 when a model in use changed; a newer version that changes nothing in use is not drift."
        })
final class LockDriftCommand implements Callable<Integer> {
    @Option(names = "--profile", paramLabel = "PROFILE", description = "Only this profile (default: every profile).")
    @Nullable
    String profile;

    @Option(names = "--all-changes", description = "Also list changes to models no pool uses.")
    boolean allChanges;

    private final Session session;

    LockDriftCommand(Session session) {
        this.session = session;
    }

    /** One provider of one profile: its pin, the current version, the changes in use and the others. */
    private record Report(
            String profile,
            String provider,
            @Nullable Integer pinned,
            int current,
            List<RegistryDrift.Change> inUse,
            List<RegistryDrift.Change> others) {}

    @Override
    public Integer call() {
        Lockfile lock = session.lockfile();
        Registry registry = session.registry();
        List<Report> reports = new ArrayList<>();
        for (Profile p : Profiles.selected(session, lock, profile)) {
            for (Map.Entry<String, Set<String>> e : Profiles.modelsByProvider(p).entrySet()) {
                reportOne(registry, p, e.getKey(), e.getValue()).ifPresent(reports::add);
            }
        }
        boolean drift = reports.stream().anyMatch(r -> !r.inUse().isEmpty());
        print(Session.source(lock), reports, drift);
        return drift ? ExitCodes.FINDING : ExitCodes.OK;
    }

    private Optional<Report> reportOne(Registry registry, Profile p, String provider, Set<String> models) {
        Integer pinned = p.registryVersions().get(provider);
        int current;
        try {
            current = registry.currentVersion(provider);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        } catch (RegistryException e) {
            throw Session.registryFailure("cannot read the registry for " + provider, e);
        }
        if (current <= 0 && pinned == null) return Optional.empty(); // no registry data, nothing pinned
        if (pinned == null || pinned == current) {
            return Optional.of(new Report(p.name(), provider, pinned, current, List.of(), List.of()));
        }
        List<RegistryDrift.Change> changes;
        try {
            changes = RegistryDrift.sincePinned(registry, provider, pinned);
        } catch (RegistryException e) {
            throw Session.registryFailure(
                    "cannot compare " + provider + " version " + pinned + " with the current data", e);
        }
        Set<String> used = canonical(registry, provider, models, pinned);
        List<RegistryDrift.Change> inUse = new ArrayList<>();
        List<RegistryDrift.Change> others = new ArrayList<>();
        for (RegistryDrift.Change c : changes) {
            (used.contains(c.model()) ? inUse : others).add(c);
        }
        return Optional.of(new Report(p.name(), provider, pinned, current, inUse, others));
    }

    /** The {@code provider:model_name} of each model in use, as named in the pinned and in the current data. */
    private static Set<String> canonical(Registry registry, String provider, Set<String> models, int pinned) {
        Set<String> refs = new HashSet<>();
        for (String model : models) {
            refs.add(provider + ":" + model);
            for (Integer version : Arrays.asList(pinned, null)) {
                try {
                    registry.model(provider, model, version).map(ModelInfo::ref).ifPresent(refs::add);
                } catch (RegistryException e) {
                    // already reported by sincePinned if it matters
                }
            }
        }
        return refs;
    }

    private void print(String source, List<Report> reports, boolean drift) {
        if (session.json()) {
            ObjectNode out = session.object();
            out.put("lockfile", source);
            out.put("drift", drift);
            var list = out.putArray("providers");
            for (Report r : reports) {
                ObjectNode node = list.addObject().put("profile", r.profile()).put("provider", r.provider());
                if (r.pinned() == null) node.putNull("pinned");
                else node.put("pinned", r.pinned());
                node.put("current", r.current());
                changes(node.putArray("changes"), r.inUse());
                if (allChanges) changes(node.putArray("other_changes"), r.others());
                node.put("other_change_count", r.others().size());
            }
            session.printJson(out);
            return;
        }
        var out = session.out();
        for (Report r : reports) {
            String head = r.profile() + ": " + r.provider() + " ";
            if (r.pinned() == null) {
                out.println(head + "not pinned (current version " + r.current() + ")");
                continue;
            }
            if (r.pinned() == r.current()) {
                out.println(head + "pinned " + r.pinned() + ", current: up to date");
                continue;
            }
            out.println(head + "pinned " + r.pinned() + ", registry now at " + r.current() + ": "
                    + r.inUse().size() + " change" + (r.inUse().size() == 1 ? "" : "s") + " to models in use, "
                    + r.others().size() + " to other models");
            r.inUse().forEach(c -> out.println("  " + c));
            if (allChanges) r.others().forEach(c -> out.println("  (not in use) " + c));
        }
        if (reports.isEmpty()) out.println("Nothing to compare: no pooled provider has registry data.");
        out.println(
                drift
                        ? "Drift: run 'llmring lock bump-registry' after reviewing the changes."
                        : "No drift in the models in use.");
    }

    private static void changes(com.fasterxml.jackson.databind.node.ArrayNode array, List<RegistryDrift.Change> list) {
        for (RegistryDrift.Change c : list) {
            ObjectNode node = array.addObject()
                    .put("kind", c.kind().name().toLowerCase(Locale.ROOT))
                    .put("model", c.model())
                    .put("field", c.field());
            node.put("before", c.before().orElse(null));
            node.put("after", c.after().orElse(null));
        }
    }
}
