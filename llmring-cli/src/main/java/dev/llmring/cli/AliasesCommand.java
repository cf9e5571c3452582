package dev.llmring.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmring.lockfile.Binding;
import dev.llmring.lockfile.Lockfile;
import dev.llmring.lockfile.Profile;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code llmring aliases}: the aliases of a profile and their pools. */
@Command(
        name = "aliases",
        mixinStandardHelpOptions = true,
        description = {
            "List the aliases of a profile and their pools.",
            "Pools are shown in order of preference, with each binding's constraints."
        })
final class AliasesCommand implements Callable<Integer> {
    @Option(
            names = "--profile",
            paramLabel = "PROFILE",
            description = "The profile (default: LLMRING_PROFILE, else the lockfile's default_profile).")
    @Nullable
    String profile;

    private final Session session;

    AliasesCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        Lockfile lock = session.lockfile();
        Profile selected = session.profile(lock, profile);
        String source = Session.source(lock);
        if (session.json()) {
            ObjectNode out = session.object();
            out.put("lockfile", source);
            out.put("profile", selected.name());
            var aliases = out.putArray("aliases");
            for (Binding b : selected.bindings()) {
                ObjectNode node = aliases.addObject();
                node.put("alias", b.alias());
                var models = node.putArray("models");
                b.models().forEach(m -> models.add(m.toString()));
                node.set("constraints", Session.mapper().valueToTree(b.constraints()));
            }
            session.printJson(out);
            return ExitCodes.OK;
        }
        var out = session.out();
        out.println("Profile " + selected.name() + " (" + source + ")");
        if (selected.bindings().isEmpty()) {
            out.println("  no aliases bound; add one with: llmring bind ALIAS provider:model");
            return ExitCodes.OK;
        }
        Table table = new Table("ALIAS", "POOL", "CONSTRAINTS");
        for (Binding b : selected.bindings()) {
            table.row(b.alias(), LockInitCommand.join(b.models()), Formats.constraints(b.constraints()));
        }
        table.print(out, "  ");
        if (!lock.extendsPackages().isEmpty()) {
            out.println("Extends packages (package:alias): " + String.join(", ", lock.extendsPackages()));
        }
        return ExitCodes.OK;
    }
}
