package dev.llmring.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmring.lockfile.Lockfile;
import dev.llmring.lockfile.LockfileNotFoundException;
import dev.llmring.lockfile.ModelRef;
import dev.llmring.lockfile.Profile;
import dev.llmring.registry.ModelInfo;
import dev.llmring.registry.Registry;
import dev.llmring.registry.RegistryException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code llmring info MODEL|ALIAS}: a model's registry entry, or those of an alias's pool. */
@Command(
        name = "info",
        mixinStandardHelpOptions = true,
        description = {
            "Show the registry entry of a model or of an alias's pool.",
            "Names and aliases, context window, prices per million tokens, capabilities and status of"
                    + " provider:model, or of every model in ALIAS's pool (read from the profile's pinned registry"
                    + " versions).",
            "Exit status 1 when a model is not in the registry."
        })
final class InfoCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL|ALIAS", description = "provider:model, an alias or package:alias.")
    String target = "";

    @Option(
            names = "--profile",
            paramLabel = "PROFILE",
            description = "The profile an alias is read from (default: LLMRING_PROFILE, else default_profile).")
    @Nullable
    String profile;

    private final Session session;

    InfoCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        Registry registry = session.registry();
        List<ModelRef> refs;
        Map<String, Integer> pins = Map.of();
        if (ModelRef.isModelReference(target, session.knownProviders())) {
            refs = List.of(parse(target));
            Optional<Lockfile> lock = optionalLockfile();
            if (lock.isPresent() && profile != null)
                pins = session.profile(lock.get(), profile).registryVersions();
        } else {
            Lockfile lock = session.lockfile();
            Profile selected = session.profile(lock, profile);
            refs = lock.resolve(target, selected.name(), session.knownProviders());
            pins = selected.registryVersions();
        }
        ObjectNode json = session.object();
        var list = json.putArray("models");
        List<String> missing = new ArrayList<>();
        for (ModelRef ref : refs) {
            Optional<ModelInfo> info;
            try {
                info = registry.model(ref.provider(), ref.model(), pins.get(ref.provider()));
            } catch (RegistryException e) {
                throw Session.registryFailure("cannot read the registry for " + ref.provider(), e);
            }
            if (info.isEmpty()) {
                missing.add(ref.toString());
                session.err().println("llmring: " + ref + " is not in the registry");
                continue;
            }
            if (session.json()) Formats.json(list.addObject(), info.get());
            else print(info.get(), pins);
        }
        if (session.json()) {
            var notFound = json.putArray("not_found");
            missing.forEach(notFound::add);
            session.printJson(json);
        }
        return missing.isEmpty() ? ExitCodes.OK : ExitCodes.FINDING;
    }

    private ModelRef parse(String ref) {
        try {
            return ModelRef.parse(ref);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(e.getMessage(), ExitCodes.USAGE);
        }
    }

    private Optional<Lockfile> optionalLockfile() {
        try {
            return Optional.of(session.lockfile());
        } catch (LockfileNotFoundException e) {
            return Optional.empty();
        }
    }

    private void print(ModelInfo m, Map<String, Integer> pins) {
        var out = session.out();
        out.println(m.ref() + (m.displayName().equals(m.modelName()) ? "" : " (" + m.displayName() + ")"));
        Table t = Table.headless(2);
        if (!m.aliases().isEmpty()) t.row("aliases", String.join(", ", m.aliases()));
        String version = m.registryVersion().isPresent()
                ? String.valueOf(m.registryVersion().getAsInt())
                : "-";
        t.row("registry version", version + (pins.containsKey(m.provider()) ? " (pinned)" : " (current)"));
        t.row(
                "context window",
                Formats.tokens(m.maxInputTokens()) + " input tokens, " + Formats.tokens(m.maxOutputTokens())
                        + " output tokens");
        Map<String, BigDecimal> prices = Formats.prices(m);
        t.row(
                "price per 1M tokens",
                prices.isEmpty()
                        ? "unknown"
                        : String.join(
                                ", ",
                                prices.entrySet().stream()
                                        .map(e -> e.getKey().replace('_', ' ') + " " + Formats.price(e.getValue()))
                                        .toList()));
        if (m.longContextThresholdTokens().isPresent()) {
            t.row(
                    "long context above",
                    String.format(
                            java.util.Locale.ROOT,
                            "%,d input tokens",
                            m.longContextThresholdTokens().getAsLong()));
        }
        List<String> yes = new ArrayList<>();
        List<String> no = new ArrayList<>();
        m.capabilities().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .filter(e -> !e.getKey().equals("is_active")) // shown as the status
                .forEach(e -> (e.getValue() ? yes : no).add(e.getKey()));
        t.row("supports", yes.isEmpty() ? "-" : String.join(", ", yes));
        t.row("does not support", no.isEmpty() ? "-" : String.join(", ", no));
        t.row("status", Formats.status(m));
        m.apiEndpoint().ifPresent(e -> t.row("api endpoint", e));
        t.print(out, "  ");
    }
}
