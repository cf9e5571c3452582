package dev.llmring.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmring.lockfile.Lockfile;
import dev.llmring.lockfile.ModelRef;
import dev.llmring.registry.ModelInfo;
import dev.llmring.registry.Registry;
import dev.llmring.registry.RegistryException;
import dev.llmring.spi.ProviderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code llmring lock init}: a new lockfile, seeded with aliases when keys and the registry allow. */
@Command(
        name = "init",
        mixinStandardHelpOptions = true,
        description = {
            "Create a lockfile (seeding aliases when it can).",
            "The lockfile has the profiles default, dev, test and prod. When provider API keys are set and the"
                    + " registry is reachable, it seeds the aliases fast, balanced and deep from each keyed provider's"
                    + " current models (default and prod) and binds every alias to the fast pool in dev and test."
                    + " Otherwise it writes an empty skeleton and says why."
        })
final class LockInitCommand implements Callable<Integer> {
    static final List<String> PROFILES = List.of("default", "dev", "test", "prod");
    private static final List<String> CHEAP_PROFILES = List.of("dev", "test");

    @Option(
            names = "--file",
            paramLabel = "FILE",
            description = "Where to write (default: --lockfile, else LLMRING_LOCKFILE_PATH, else ./llmring.lock)."
                    + " A name ending in .json is written as JSON.")
    @Nullable
    Path file;

    @Option(names = "--force", description = "Overwrite an existing file.")
    boolean force;

    private final Session session;

    LockInitCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        CliContext ctx = session.context();
        Path target = file != null
                ? ctx.workingDirectory.resolve(file)
                : session.discovery().target();
        boolean replacing = Files.exists(target);
        if (replacing && !force) {
            throw new CliFailure(target + " already exists; use --force to overwrite it");
        }
        Clock clock = Clock.fixed(ctx.clock.instant(), ZoneOffset.UTC); // one instant for every stamp
        Lockfile lock = Lockfile.empty(clock, PROFILES); // default_profile: the first, "default"
        Seed seed = seed();
        for (String profile : PROFILES) {
            boolean cheap = CHEAP_PROFILES.contains(profile);
            for (Map.Entry<String, List<ModelRef>> e : seed.pools.entrySet()) {
                List<ModelRef> pool = cheap ? seed.pools.get("fast") : e.getValue();
                lock = lock.bind(profile, e.getKey(), pool, clock);
            }
            if (!seed.versions.isEmpty()) lock = lock.withRegistryVersions(profile, seed.versions, clock);
        }
        lock.write(target);
        report(target, seed, replacing);
        return ExitCodes.OK;
    }

    /** What to bind, or why nothing. */
    private record Seed(
            Map<String, List<ModelRef>> pools,
            Map<String, Integer> versions,
            @Nullable String reason,
            List<String> notes) {}

    private Seed seed() {
        List<String> notes = new ArrayList<>();
        List<ProviderFactory> keyed = new ArrayList<>();
        List<String> variables = new ArrayList<>();
        for (ProviderFactory f : session.context().factories) {
            if (f.apiKeyEnvironmentVariables().isEmpty()) continue; // local providers: no key says nothing
            variables.addAll(f.apiKeyEnvironmentVariables());
            if (session.keyVariable(f).isPresent()) keyed.add(f);
        }
        if (keyed.isEmpty()) {
            return new Seed(
                    Map.of(),
                    Map.of(),
                    "no provider API key is set ("
                            + String.join(", ", variables.stream().sorted().toList()) + ")",
                    notes);
        }
        Registry registry;
        try {
            registry = session.registry();
        } catch (CliFailure e) {
            return new Seed(Map.of(), Map.of(), "the registry cannot be used: " + e.getMessage(), notes);
        }
        Map<String, Map<String, ModelInfo>> picks = new TreeMap<>();
        Map<String, Integer> versions = new LinkedHashMap<>();
        List<String> unreachable = new ArrayList<>();
        for (ProviderFactory f : keyed) {
            try {
                List<ModelInfo> models = registry.models(f.name());
                Map<String, ModelInfo> chosen = AliasSeeder.pick(models);
                if (chosen.isEmpty()) {
                    notes.add(f.name() + ": the registry lists no current priced chat model");
                    continue;
                }
                picks.put(f.name(), chosen);
                int version = registry.currentVersion(f.name());
                if (version > 0) versions.put(f.name(), version);
            } catch (RegistryException e) {
                unreachable.add(f.name());
                notes.add(f.name() + ": " + e.getMessage());
            }
        }
        if (picks.isEmpty()) {
            String why = unreachable.isEmpty()
                    ? "the registry lists no usable model for "
                            + keyed.stream().map(ProviderFactory::name).toList()
                    : (session.offline()
                                    ? "offline, and the registry cache has no data for "
                                    : "the registry is unreachable for ")
                            + String.join(", ", unreachable);
            return new Seed(Map.of(), Map.of(), why, notes);
        }
        return new Seed(AliasSeeder.pools(picks), new TreeMap<>(versions), null, notes);
    }

    private void report(Path target, Seed seed, boolean replaced) {
        if (session.json()) {
            ObjectNode out = session.object();
            out.put("lockfile", target.toString());
            ArrayNode profiles = out.putArray("profiles");
            PROFILES.forEach(profiles::add);
            out.put("seeded", !seed.pools.isEmpty());
            if (seed.reason == null) out.putNull("reason");
            else out.put("reason", seed.reason);
            ObjectNode aliases = out.putObject("aliases");
            seed.pools.forEach((alias, pool) -> {
                ArrayNode models = aliases.putArray(alias);
                pool.forEach(m -> models.add(m.toString()));
            });
            ObjectNode versions = out.putObject("registry_versions");
            seed.versions.forEach(versions::put);
            ArrayNode notes = out.putArray("notes");
            seed.notes.forEach(notes::add);
            session.printJson(out);
            return;
        }
        var out = session.out();
        out.println(
                (replaced ? "Replaced " : "Created ") + target + " with profiles " + String.join(", ", PROFILES) + ".");
        if (seed.pools.isEmpty()) {
            out.println("No aliases seeded: " + seed.reason + ".");
            out.println("Bind aliases with: llmring bind ALIAS provider:model[,provider:model...]");
        } else {
            out.println("Seeded aliases (default and prod; dev and test use the fast pool for every alias):");
            Table table = new Table("ALIAS", "POOL");
            seed.pools.forEach((alias, pool) -> table.row(alias, join(pool)));
            table.print(out, "  ");
            if (!seed.versions.isEmpty()) out.println("Pinned registry versions: " + seed.versions);
        }
        seed.notes.forEach(n -> session.err().println("llmring: note: " + n));
    }

    static String join(List<ModelRef> pool) {
        return String.join(", ", pool.stream().map(ModelRef::toString).toList());
    }
}
