package dev.llmring.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmring.lockfile.Binding;
import dev.llmring.lockfile.Lockfile;
import dev.llmring.lockfile.LockfileException;
import dev.llmring.lockfile.Profile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code llmring lock check}: LLMRing's check of the extends packages, and the aliases they and the file bind. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = {
            "Check the [extends] packages and list the aliases available (as LLMRing's lock check does).",
            "For each extends package: whether its lockfile is on the class path (META-INF/llmring/PACKAGE/"
                    + "llmring.lock) and loads, and the aliases it binds; an alias several packages bind is a warning"
                    + " (use PACKAGE:ALIAS). Then the lockfile's own aliases.",
            "Exit status 1 when a package's lockfile is missing or invalid."
        })
final class LockCheckCommand implements Callable<Integer> {
    @Option(
            names = "--profile",
            paramLabel = "PROFILE",
            description = "The profile (default: LLMRING_PROFILE, else the lockfile's default_profile).")
    @Nullable
    String profile;

    private final Session session;

    LockCheckCommand(Session session) {
        this.session = session;
    }

    /** One extends package: its aliases, or why it could not be read. */
    private record Package(String name, List<String> aliases, @Nullable String problem) {}

    @Override
    public Integer call() {
        Lockfile lock = session.lockfile();
        Profile own = session.profile(lock, profile);
        List<Package> packages = new ArrayList<>();
        Map<String, List<String>> definedIn = new LinkedHashMap<>();
        for (String pkg : lock.extendsPackages()) {
            try {
                Lockfile shipped = lock.extendsPackage(pkg);
                Profile p = shipped.profiles()
                        .getOrDefault(own.name(), shipped.profiles().get(shipped.defaultProfile()));
                List<String> aliases = p == null ? List.of() : p.aliases();
                aliases.forEach(a ->
                        definedIn.computeIfAbsent(a, k -> new ArrayList<>()).add(pkg));
                packages.add(new Package(pkg, aliases, null));
            } catch (LockfileException e) {
                packages.add(new Package(pkg, List.of(), e.getMessage()));
            }
        }
        Map<String, List<String>> conflicts = new LinkedHashMap<>();
        definedIn.forEach((alias, in) -> {
            if (in.size() > 1) conflicts.put(alias, in);
        });
        boolean failed = packages.stream().anyMatch(p -> p.problem() != null);
        if (session.json()) json(lock, own, packages, conflicts, failed);
        else print(lock, own, packages, conflicts);
        return failed ? ExitCodes.FINDING : ExitCodes.OK;
    }

    private void print(Lockfile lock, Profile own, List<Package> packages, Map<String, List<String>> conflicts) {
        var out = session.out();
        out.println("Checking " + Session.source(lock) + " (profile " + own.name() + ")");
        out.println("[extends]");
        if (packages.isEmpty()) out.println("  (no packages configured)");
        for (Package p : packages) {
            if (p.problem() != null) {
                out.println("  FAIL " + p.name() + ": " + p.problem());
            } else {
                out.println("  ok   " + p.name() + ": "
                        + (p.aliases().isEmpty() ? "(no aliases)" : String.join(", ", p.aliases())));
            }
        }
        conflicts.forEach((alias, in) -> out.println("warning: '" + alias + "' is bound by " + String.join(" and ", in)
                + "; use "
                + String.join(" or ", in.stream().map(p -> p + ":" + alias).toList())));
        out.println("Local aliases:" + (own.bindings().isEmpty() ? " (none)" : ""));
        for (Binding b : own.bindings()) {
            out.println("  " + b.alias() + " -> " + b.models().get(0));
        }
        long ok = packages.stream().filter(p -> p.problem() == null).count();
        long extended = packages.stream().mapToLong(p -> p.aliases().size()).sum();
        out.println(ok + "/" + packages.size() + " packages ok, " + extended + " extended aliases, "
                + own.bindings().size() + " local aliases");
    }

    private void json(
            Lockfile lock, Profile own, List<Package> packages, Map<String, List<String>> conflicts, boolean failed) {
        ObjectNode out = session.object();
        out.put("lockfile", Session.source(lock));
        out.put("profile", own.name());
        out.put("ok", !failed);
        ArrayNode list = out.putArray("packages");
        for (Package p : packages) {
            ObjectNode node = list.addObject().put("package", p.name()).put("ok", p.problem() == null);
            p.aliases().forEach(node.putArray("aliases")::add);
            node.put("problem", p.problem());
        }
        ObjectNode c = out.putObject("conflicts");
        conflicts.forEach((alias, in) -> in.forEach(c.putArray(alias)::add));
        ObjectNode local = out.putObject("aliases");
        for (Binding b : own.bindings()) {
            ArrayNode models = local.putArray(b.alias());
            b.models().forEach(m -> models.add(m.toString()));
        }
        session.printJson(out);
    }
}
