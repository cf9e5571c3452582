package dev.llmring.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmring.lockfile.Binding;
import dev.llmring.lockfile.Lockfile;
import dev.llmring.lockfile.Profile;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code llmring unbind ALIAS}: remove an alias from a profile. */
@Command(
        name = "unbind",
        mixinStandardHelpOptions = true,
        description = {"Remove an alias from a profile.", "Updates updated_at and writes the lockfile atomically."})
final class UnbindCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ALIAS", description = "The alias to remove.")
    String alias = "";

    @Option(
            names = "--profile",
            paramLabel = "PROFILE",
            description = "The profile (default: LLMRING_PROFILE, else the lockfile's default_profile).")
    @Nullable
    String profile;

    private final Session session;

    UnbindCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        Lockfile lock = session.lockfile();
        Path path = session.editablePath(lock);
        Profile selected = session.profile(lock, profile);
        Binding removed = selected.binding(alias)
                .orElseThrow(() -> new CliFailure("alias '" + alias
                        + "' is not bound in profile " + selected.name() + "; bound aliases: "
                        + (selected.aliases().isEmpty() ? "none" : String.join(", ", selected.aliases()))));
        lock.unbind(selected.name(), alias, session.context().clock).write(path);
        if (session.json()) {
            ObjectNode out = session.object();
            out.put("lockfile", path.toString());
            out.put("profile", selected.name());
            out.put("alias", alias);
            var models = out.putArray("previous");
            removed.models().forEach(m -> models.add(m.toString()));
            session.printJson(out);
        } else {
            session.out()
                    .println("Unbound " + alias + " from profile " + selected.name() + " (" + path + "); was "
                            + LockInitCommand.join(removed.models()) + ".");
        }
        return ExitCodes.OK;
    }
}
