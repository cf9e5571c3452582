package dev.llmring.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmring.registry.ModelInfo;
import dev.llmring.registry.Registry;
import dev.llmring.registry.RegistryException;
import dev.llmring.registry.RegistryUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code llmring models}: the registry's models. */
@Command(
        name = "models",
        mixinStandardHelpOptions = true,
        description = {
            "List the registry's models with prices and capabilities.",
            "The current models of a provider (default: every provider with an adapter): context window, prices"
                    + " in dollars per million tokens, capabilities and status.",
            "Exit status 1 when a provider's data cannot be read."
        })
final class ModelsCommand implements Callable<Integer> {
    @Spec
    @Nullable
    CommandSpec spec;

    @Option(names = "--provider", paramLabel = "PROVIDER", description = "Only this provider.")
    @Nullable
    String provider;

    @Option(names = "--all", description = "Include inactive and deprecated models.")
    boolean all;

    @Option(names = "--refresh", description = "Fetch current data now, ignoring the cache's age.")
    boolean refresh;

    private final Session session;

    ModelsCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        List<String> providers = provider != null ? List.of(provider) : List.copyOf(session.builtInProviders());
        Registry registry = session.registry();
        ObjectNode json = session.object();
        var jsonProviders = json.putArray("providers");
        var jsonErrors = json.putArray("errors");
        int failed = 0;
        boolean unreachable = false;
        for (String name : providers) {
            List<ModelInfo> models;
            int version;
            try {
                if (refresh && !session.offline()) registry.refresh(name);
                models = new ArrayList<>(registry.models(name));
                version = registry.currentVersion(name);
            } catch (RegistryException | IllegalArgumentException e) {
                if (e instanceof IllegalArgumentException && provider != null) {
                    throw Cli.usage(spec, e.getMessage()); // a malformed --provider name: nothing printed yet
                }
                failed++;
                unreachable |= e instanceof RegistryUnavailableException;
                String type = e instanceof RegistryUnavailableException ? "registry_unavailable" : "registry";
                jsonErrors.addObject().put("provider", name).put("type", type).put("message", e.getMessage());
                session.err().println("llmring: " + name + ": " + e.getMessage());
                continue;
            }
            if (!all) models.removeIf(m -> !m.isActive() || m.deprecatedDate().isPresent());
            if (session.json()) {
                ObjectNode node =
                        jsonProviders.addObject().put("provider", name).put("version", version);
                var list = node.putArray("models");
                models.forEach(m -> Formats.json(list.addObject(), m));
            } else {
                print(name, version, models);
            }
        }
        if (unreachable) session.err().println("llmring: " + Session.UNREACHABLE_ADVICE);
        if (session.json()) session.printJson(json);
        return failed == 0 ? ExitCodes.OK : ExitCodes.FINDING;
    }

    private void print(String name, int version, List<ModelInfo> models) {
        var out = session.out();
        if (version == 0 && models.isEmpty()) {
            out.println(name + ": the registry has no data for this provider");
            out.println();
            return;
        }
        out.println(name + " (registry version " + version + ", " + models.size() + " model"
                + (models.size() == 1 ? "" : "s") + ")");
        Table table = new Table("MODEL", "CONTEXT", "MAX OUT", "INPUT/1M", "OUTPUT/1M", "CAPABILITIES", "STATUS");
        for (ModelInfo m : models) {
            table.row(
                    m.modelName(),
                    Formats.tokens(m.maxInputTokens()),
                    Formats.tokens(m.maxOutputTokens()),
                    Formats.price(m.inputPrice()),
                    Formats.price(m.outputPrice()),
                    Formats.capabilitySummary(m),
                    Formats.status(m));
        }
        table.print(out, "  ");
        out.println();
    }
}
