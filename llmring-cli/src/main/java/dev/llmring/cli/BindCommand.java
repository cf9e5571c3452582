package dev.llmring.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmring.lockfile.Binding;
import dev.llmring.lockfile.Lockfile;
import dev.llmring.lockfile.ModelRef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code llmring bind ALIAS MODEL[,MODEL…]}: set an alias's pool in a profile. */
@Command(
        name = "bind",
        mixinStandardHelpOptions = true,
        description = {
            "Bind an alias to a pool of models.",
            "The models are tried in the order given. Replaces the alias's pool (keeping its constraints) or adds"
                    + " the alias; updates updated_at and writes the lockfile atomically.",
            "With --profile, a profile that does not exist yet is created."
        })
final class BindCommand implements Callable<Integer> {
    @Spec
    @Nullable
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ALIAS", description = "The alias (letters, digits, _ . -).")
    String alias = "";

    @Parameters(
            index = "1..*",
            arity = "1..*",
            split = ",",
            paramLabel = "MODEL",
            description = "provider:model references, comma- or space-separated, in order of preference.")
    List<String> models = new ArrayList<>();

    @Option(
            names = "--profile",
            paramLabel = "PROFILE",
            description = "The profile (default: LLMRING_PROFILE, else the lockfile's default_profile).")
    @Nullable
    String profile;

    private final Session session;

    BindCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        List<ModelRef> pool = parsePool();
        Lockfile lock = session.lockfile();
        Path path = session.editablePath(lock);
        boolean create =
                profile != null && !profile.isBlank() && !lock.profiles().containsKey(profile.strip());
        String profileName =
                create ? profile.strip() : session.profile(lock, profile).name();
        Optional<Binding> previous =
                create ? Optional.empty() : lock.profiles().get(profileName).binding(alias);
        Map<String, Object> constraints = previous.map(Binding::constraints).orElse(Map.of());
        Binding binding;
        try {
            binding = Binding.of(alias, pool, constraints);
        } catch (IllegalArgumentException e) {
            throw Cli.usage(spec, e.getMessage());
        }
        Lockfile edited = lock.bind(profileName, binding, session.context().clock);
        edited.write(path);
        report(path, profileName, binding, previous.orElse(null), create);
        return ExitCodes.OK;
    }

    private List<ModelRef> parsePool() {
        Set<String> known = session.knownProviders();
        List<ModelRef> pool = new ArrayList<>();
        for (String text : models) {
            String ref = text.strip();
            if (ref.isEmpty()) continue;
            ModelRef model;
            try {
                model = ModelRef.parse(ref);
            } catch (IllegalArgumentException e) {
                throw Cli.usage(spec, e.getMessage());
            }
            if (!known.contains(model.provider())) {
                throw Cli.usage(
                        spec,
                        "unknown provider '" + model.provider() + "' in '" + ref + "'; known providers: "
                                + String.join(", ", known));
            }
            pool.add(model);
        }
        if (pool.isEmpty()) throw Cli.usage(spec, "no model given for alias '" + alias + "'");
        return pool;
    }

    private void report(Path path, String profileName, Binding binding, @Nullable Binding previous, boolean created) {
        if (session.json()) {
            ObjectNode out = session.object();
            out.put("lockfile", path.toString());
            out.put("profile", profileName);
            out.put("alias", binding.alias());
            var models = out.putArray("models");
            binding.models().forEach(m -> models.add(m.toString()));
            if (previous == null) {
                out.putNull("previous");
            } else {
                var before = out.putArray("previous");
                previous.models().forEach(m -> before.add(m.toString()));
            }
            out.put("created_profile", created);
            session.printJson(out);
            return;
        }
        var out = session.out();
        if (created) out.println("Created profile " + profileName + ".");
        out.println("Bound " + binding.alias() + " -> " + LockInitCommand.join(binding.models()) + " in profile "
                + profileName + " (" + path + ")"
                + (previous == null ? "" : "; was " + LockInitCommand.join(previous.models())) + ".");
    }
}
