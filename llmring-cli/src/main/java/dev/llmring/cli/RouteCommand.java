package dev.llmring.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmring.cli.RouteExplainer.Candidate;
import dev.llmring.cli.RouteExplainer.Check;
import dev.llmring.lockfile.Lockfile;
import dev.llmring.lockfile.ModelRef;
import dev.llmring.lockfile.Profile;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code llmring route ALIAS}: how an alias would be routed now. */
@Command(
        name = "route",
        mixinStandardHelpOptions = true,
        description = {
            "Explain which binding of an alias would serve now.",
            "Shows ALIAS's pool, whether each binding is usable now (adapter, credentials in the environment,"
                    + " LLMRING_ALLOWED_MODELS / LLMRING_DENIED_MODELS, registry status), and which one would serve.",
            "Exit status 1 when no binding is usable."
        })
final class RouteCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ALIAS", description = "An alias, package:alias or provider:model.")
    String alias = "";

    @Option(
            names = "--profile",
            paramLabel = "PROFILE",
            description = "The profile (default: LLMRING_PROFILE, else the lockfile's default_profile).")
    @Nullable
    String profile;

    private final Session session;

    RouteCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        Lockfile lock = session.lockfileFor(alias);
        Profile selected = session.profile(lock, profile);
        List<ModelRef> pool = lock.resolve(alias, selected.name(), session.knownProviders());
        List<Candidate> candidates = new RouteExplainer(session).explain(pool, selected);
        Optional<Candidate> serving =
                candidates.stream().filter(Candidate::usable).findFirst();
        if (session.json()) {
            ObjectNode out = session.object();
            out.put("lockfile", Session.source(lock));
            out.put("profile", selected.name());
            out.put("alias", alias);
            var entries = out.putArray("pool");
            for (Candidate c : candidates) {
                ObjectNode entry = entries.addObject();
                entry.put("model", c.model().toString());
                entry.put("usable", c.usable());
                var checks = entry.putArray("checks");
                for (Check check : c.checks()) {
                    checks.addObject()
                            .put("check", check.name())
                            .put("status", check.status().name().toLowerCase(Locale.ROOT))
                            .put("detail", check.detail());
                }
            }
            if (serving.isPresent()) out.put("serving", serving.get().model().toString());
            else out.putNull("serving");
            session.printJson(out);
        } else {
            var out = session.out();
            out.println(alias + " in profile " + selected.name() + " (" + Session.source(lock) + "): pool of "
                    + pool.size());
            int i = 1;
            for (Candidate c : candidates) {
                out.println("  " + i++ + ". " + c.model() + "  " + (c.usable() ? "usable" : "not usable"));
                Table table = Table.headless(3);
                c.checks()
                        .forEach(check -> table.row(
                                check.name(), check.status().name().toLowerCase(Locale.ROOT), check.detail()));
                table.print(out, "       ");
            }
            out.println(serving.map(c ->
                            "Would serve: " + c.model() + (c == candidates.get(0) ? "" : " (the first usable binding)"))
                    .orElse("No binding is usable now."));
        }
        return serving.isPresent() ? ExitCodes.OK : ExitCodes.FINDING;
    }
}
