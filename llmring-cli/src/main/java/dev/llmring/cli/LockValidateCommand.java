package dev.llmring.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmring.lockfile.Binding;
import dev.llmring.lockfile.Lockfile;
import dev.llmring.lockfile.LockfileException;
import dev.llmring.lockfile.ModelRef;
import dev.llmring.lockfile.Profile;
import dev.llmring.registry.Registry;
import dev.llmring.registry.RegistryValidation;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code llmring lock validate}: every problem of the lockfile at once. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = {
            "Report every problem of the lockfile at once.",
            "Checks syntax and schema, secrets, and every pooled model of every profile against the registry"
                    + " (listed, active, not deprecated; read from the profile's pinned version).",
            "Exit status 1 on any error (and on warnings with --strict)."
        })
final class LockValidateCommand implements Callable<Integer> {
    @Option(names = "--no-registry", description = "Check syntax, schema and secrets only (no registry lookups).")
    boolean noRegistry;

    @Option(names = "--strict", description = "Fail on warnings too.")
    boolean strict;

    private final Session session;

    LockValidateCommand(Session session) {
        this.session = session;
    }

    /** One problem; {@code profiles} lists where a registry problem was seen, file/line/field where a parse one. */
    record Finding(
            String severity,
            String subject,
            String message,
            List<String> profiles,
            @Nullable LockfileException place) {}

    @Override
    public Integer call() {
        List<Finding> findings = new ArrayList<>();
        Lockfile lock = null;
        String source;
        try {
            lock = Lockfile.discover(session.discovery());
            source = Session.source(lock);
        } catch (LockfileException e) {
            source = e.file().orElse("");
            findings.add(new Finding("error", e.field().orElse(e.file().orElse("lockfile")), e.detail(), List.of(), e));
        }
        int models = 0;
        if (lock != null) {
            for (String warning : lock.warnings()) {
                findings.add(new Finding("warning", "lockfile", warning, List.of(), null));
            }
            Set<String> providers = new LinkedHashSet<>();
            lock.profiles().values().forEach(p -> p.bindings()
                    .forEach(b -> b.models().forEach(m -> providers.add(m.provider()))));
            for (String provider : providers) {
                if (session.factory(provider).isEmpty()) {
                    findings.add(new Finding(
                            "warning",
                            provider,
                            "no adapter is registered under this provider name"
                                    + " (fine if the application registers one)",
                            List.of(),
                            null));
                }
            }
            if (!noRegistry) models = checkRegistry(lock, findings);
        }
        long errors =
                findings.stream().filter(f -> f.severity().equals("error")).count();
        long warnings = findings.size() - errors;
        boolean valid = errors == 0 && (!strict || warnings == 0);
        report(source, lock, findings, errors, warnings, valid, models);
        return valid ? ExitCodes.OK : ExitCodes.FINDING;
    }

    /** Registry problems per profile (each with its pins), merged where several profiles share one. */
    private int checkRegistry(Lockfile lock, List<Finding> findings) {
        Registry registry = session.registry();
        LocalDate today = LocalDate.now(session.context().clock);
        Map<String, List<String>> merged = new LinkedHashMap<>();
        Map<String, RegistryValidation.Problem> problems = new LinkedHashMap<>();
        Set<String> checked = new LinkedHashSet<>();
        for (Profile profile : lock.profiles().values()) {
            List<String> refs = new ArrayList<>();
            for (Binding b : profile.bindings()) {
                b.models().stream().map(ModelRef::toString).forEach(refs::add);
            }
            if (refs.isEmpty()) continue;
            checked.addAll(refs);
            for (RegistryValidation.Problem p :
                    RegistryValidation.validate(registry, refs, profile.registryVersions(), today)) {
                String key = p.toString();
                problems.putIfAbsent(key, p);
                merged.computeIfAbsent(key, k -> new ArrayList<>()).add(profile.name());
            }
        }
        boolean unreachable = false;
        for (Map.Entry<String, RegistryValidation.Problem> e : problems.entrySet()) {
            RegistryValidation.Problem p = e.getValue();
            // an unreachable registry says nothing against the lockfile: a warning (an error with --strict)
            boolean error = p.severity() == RegistryValidation.Severity.ERROR && !p.isUnavailable();
            unreachable |= p.isUnavailable();
            findings.add(new Finding(
                    error ? "error" : "warning",
                    p.subject(),
                    p.message() + (p.isUnavailable() ? "; its models were not checked" : ""),
                    List.copyOf(merged.get(e.getKey())),
                    null));
        }
        if (unreachable) session.err().println("llmring: " + Session.UNREACHABLE_ADVICE);
        return checked.size();
    }

    private void report(
            String source,
            @Nullable Lockfile lock,
            List<Finding> findings,
            long errors,
            long warnings,
            boolean valid,
            int models) {
        if (session.json()) {
            ObjectNode out = session.object();
            out.put("lockfile", source);
            out.put("valid", valid);
            out.put("errors", errors);
            out.put("warnings", warnings);
            out.put("registry_checked", lock != null && !noRegistry);
            var list = out.putArray("findings");
            for (Finding f : findings) {
                ObjectNode node = list.addObject();
                node.put("severity", f.severity());
                node.put("subject", f.subject());
                node.put("message", f.message());
                var profiles = node.putArray("profiles");
                f.profiles().forEach(profiles::add);
                LockfileException place = f.place();
                if (place != null) {
                    node.put("file", place.file().orElse(null));
                    node.put("line", place.line());
                    node.put("column", place.column());
                    node.put("field", place.field().orElse(null));
                }
            }
            session.printJson(out);
            return;
        }
        var out = session.out();
        for (Finding f : findings) {
            String where = f.profiles().isEmpty()
                    ? ""
                    : " (profile" + (f.profiles().size() > 1 ? "s " : " ") + String.join(", ", f.profiles()) + ")";
            String text = f.place() != null ? f.place().getMessage() : f.subject() + ": " + f.message();
            out.println(f.severity() + ": " + text + where);
        }
        if (lock == null) {
            out.println(source + ": invalid");
            return;
        }
        String summary = errors + " error" + (errors == 1 ? "" : "s") + ", " + warnings + " warning"
                + (warnings == 1 ? "" : "s");
        String scope = lock.profiles().size() + " profiles, "
                + (noRegistry ? "registry not checked" : models + " models checked against the registry");
        out.println(source + ": " + (valid ? "valid" : "invalid") + " (" + summary + "; " + scope + ")");
    }
}
