package dev.llmring.cli;

import dev.llmring.lockfile.ModelRef;
import dev.llmring.lockfile.Profile;
import dev.llmring.registry.ModelInfo;
import dev.llmring.registry.ModelPolicy;
import dev.llmring.registry.Registry;
import dev.llmring.registry.RegistryException;
import dev.llmring.spi.ProviderFactory;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Judges each binding of a pool the way the router does before a call: is there an adapter, are credentials
 * present, does the model policy allow it, and does the registry still list it as active. The registry being
 * unreachable, or not listing a model, does not rule a binding out (the router goes ahead outside strict mode).
 */
final class RouteExplainer {
    /** How a check came out: only {@code FAIL} rules a binding out. */
    enum Status {
        OK,
        WARN,
        FAIL
    }

    /** One check of one binding. */
    record Check(String name, Status status, String detail) {}

    /** One pool entry and its checks. */
    record Candidate(ModelRef model, List<Check> checks) {
        boolean usable() {
            return checks.stream().noneMatch(c -> c.status() == Status.FAIL);
        }
    }

    private final Session session;

    RouteExplainer(Session session) {
        this.session = session;
    }

    List<Candidate> explain(List<ModelRef> pool, Profile profile) {
        ModelPolicy policy =
                ModelPolicy.builder().environment(session.context().environment).build();
        LocalDate today = LocalDate.now(session.context().clock);
        List<Candidate> out = new ArrayList<>();
        for (ModelRef ref : pool) {
            List<Check> checks = new ArrayList<>();
            Optional<ProviderFactory> factory = session.factory(ref.provider());
            checks.add(
                    factory.isPresent()
                            ? new Check("adapter", Status.OK, ref.provider())
                            : new Check(
                                    "adapter",
                                    Status.FAIL,
                                    "no adapter for provider '" + ref.provider() + "' (known: "
                                            + String.join(", ", session.knownProviders()) + ")"));
            factory.ifPresent(f -> checks.add(credentials(f)));
            Optional<ModelInfo> info = Optional.empty();
            Check registryCheck;
            Integer pinned = profile.registryVersions().get(ref.provider());
            try {
                info = lookUp(ref, pinned);
                registryCheck = registry(info.orElse(null), pinned, today);
            } catch (RegistryException | IllegalArgumentException e) {
                registryCheck = new Check("registry", Status.WARN, "not checked: " + e.getMessage());
            }
            Optional<String> refusal =
                    info.map(policy::refusal).orElseGet(() -> policy.refusal(ref.provider(), ref.model()));
            checks.add(refusal.map(r -> new Check("policy", Status.FAIL, r))
                    .orElseGet(() -> new Check("policy", Status.OK, "allowed")));
            checks.add(registryCheck);
            out.add(new Candidate(ref, List.copyOf(checks)));
        }
        return out;
    }

    private Optional<ModelInfo> lookUp(ModelRef ref, @Nullable Integer pinned) {
        Registry registry = session.registry();
        return registry.model(ref.provider(), ref.model(), pinned);
    }

    private Check credentials(ProviderFactory f) {
        if (f.apiKeyEnvironmentVariables().isEmpty()) return new Check("credentials", Status.OK, "no key needed");
        return session.keyVariable(f)
                .map(v -> new Check("credentials", Status.OK, v + " is set"))
                .orElseGet(() -> new Check(
                        "credentials",
                        Status.FAIL,
                        "no key: set " + String.join(" or ", f.apiKeyEnvironmentVariables())));
    }

    private static Check registry(@Nullable ModelInfo info, @Nullable Integer pinned, LocalDate today) {
        String version = pinned != null ? "pinned version " + pinned : "current data";
        if (info == null) {
            return new Check("registry", Status.WARN, "not listed (" + version + "); capabilities and cost unknown");
        }
        if (!info.isActive()) return new Check("registry", Status.FAIL, "inactive: the provider no longer serves it");
        if (info.isDeprecatedOn(today)) {
            return new Check(
                    "registry",
                    Status.WARN,
                    "deprecated since " + info.deprecatedDate().orElseThrow());
        }
        String detail = "active (" + version + "), " + Formats.price(info.inputPrice()) + " in / "
                + Formats.price(info.outputPrice()) + " out per 1M tokens, context "
                + Formats.tokens(info.maxInputTokens());
        return new Check("registry", Status.OK, detail);
    }
}
