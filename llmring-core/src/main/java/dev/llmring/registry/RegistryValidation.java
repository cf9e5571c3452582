package dev.llmring.registry;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Checks a lockfile's models against the registry and reports every problem at once (for {@code llmring lock
 * validate}). For each {@code provider:model}:
 * <ul>
 *   <li>ERROR when it is not a {@code provider:model} reference;</li>
 *   <li>ERROR when the registry data it is priced from (the pinned snapshot, else the current data) cannot be
 *       obtained (reported once per provider), or does not list the model (by name or alias);</li>
 *   <li>ERROR when the provider no longer serves it ({@code is_active: false}) or its deprecation date has come;
 *       WARNING when a deprecation date is set but still ahead. These lifecycle facts are read from the current data
 *       (a pinned snapshot may predate them), falling back to the pinned entry when the current data is
 *       unavailable;</li>
 *   <li>WARNING when the registry has no data at all for the provider (e.g. a local provider), so nothing can be
 *       checked.</li>
 * </ul>
 */
public final class RegistryValidation {
    /** How bad a problem is: an ERROR should fail validation, a WARNING should be shown. */
    public enum Severity {
        /** Should fail validation: the model is unknown, retired or cannot be checked. */
        ERROR,
        /** Should be shown, but does not fail validation. */
        WARNING
    }

    /** One problem: its subject ({@code provider:model}, or the provider for provider-wide problems). */
    public static final class Problem {
        private final Severity severity;
        private final String subject;
        private final String message;
        private final boolean unavailable;

        private Problem(Severity severity, String subject, String message) {
            this(severity, subject, message, false);
        }

        private Problem(Severity severity, String subject, String message, boolean unavailable) {
            this.severity = severity;
            this.subject = subject;
            this.message = message;
            this.unavailable = unavailable;
        }

        /**
         * Whether the problem is only that the registry could not be reached (a {@link RegistryUnavailableException}):
         * nothing is known to be wrong with the lockfile, and a tool may report it as a warning.
         *
         * @return true for an unreachable registry
         */
        public boolean isUnavailable() {
            return unavailable;
        }

        /** {@return how bad the problem is} */
        public Severity severity() {
            return severity;
        }

        /** {@return what the problem is about: {@code provider:model}, or the provider for provider-wide problems} */
        public String subject() {
            return subject;
        }

        /** {@return what is wrong, for a person, e.g. {@code not in the registry (version 3)}} */
        public String message() {
            return message;
        }

        @Override
        public boolean equals(@Nullable Object o) {
            return o instanceof Problem p
                    && p.severity == severity
                    && p.subject.equals(subject)
                    && p.message.equals(message);
        }

        @Override
        public int hashCode() {
            return Objects.hash(severity, subject, message);
        }

        /** E.g. {@code ERROR openai:x: not in the registry (version 3)}. */
        @Override
        public String toString() {
            return severity + " " + subject + ": " + message;
        }
    }

    private RegistryValidation() {}

    /**
     * Validates {@code modelRefs} ({@code provider:model}, split at the first {@code :}).
     *
     * @param registry where the models are looked up
     * @param modelRefs the lockfile's model references; duplicates are checked once
     * @param pinnedVersions provider to pinned snapshot version (a profile's {@code registry_versions})
     * @param today the date deprecations are judged against
     * @return every problem, in the order of the references; empty when all is well
     */
    public static List<Problem> validate(
            Registry registry, Collection<String> modelRefs, Map<String, Integer> pinnedVersions, LocalDate today) {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(modelRefs, "modelRefs");
        Objects.requireNonNull(pinnedVersions, "pinnedVersions");
        Objects.requireNonNull(today, "today");
        List<Problem> problems = new ArrayList<>();
        Map<String, Optional<Source>> sources = new LinkedHashMap<>();
        for (String ref : new LinkedHashSet<>(modelRefs)) {
            int colon = ref.indexOf(':');
            String provider = colon > 0 ? ref.substring(0, colon) : "";
            String model = colon > 0 ? ref.substring(colon + 1) : "";
            try {
                RegistryNames.requireProvider(provider);
                if (model.isBlank()) throw new IllegalArgumentException("empty model name");
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(Severity.ERROR, ref, "not a provider:model reference"));
                continue;
            }
            Integer pinned = pinnedVersions.get(provider);
            Optional<Source> source = sources.computeIfAbsent(provider, p -> load(registry, p, pinned, problems));
            if (source.isPresent()) check(source.get(), ref, model, today, problems);
        }
        return List.copyOf(problems);
    }

    /**
     * Whether any problem is an {@link Severity#ERROR}.
     *
     * @param problems problems from {@link #validate(Registry, Collection, Map, LocalDate)}
     * @return {@code true} when validation should fail
     */
    public static boolean hasErrors(List<Problem> problems) {
        return problems.stream().anyMatch(p -> p.severity() == Severity.ERROR);
    }

    /** The data one provider's models are checked against. */
    private record Source(
            String provider, @Nullable Integer pinned, RegistryDocument priced, @Nullable RegistryDocument current) {}

    private static Optional<Source> load(
            Registry registry, String provider, @Nullable Integer pinned, List<Problem> problems) {
        RegistryDocument priced;
        try {
            priced = pinned != null ? registry.snapshot(provider, pinned) : registry.current(provider);
        } catch (RegistryException e) {
            boolean unavailable = e instanceof RegistryUnavailableException;
            problems.add(new Problem(Severity.ERROR, provider, e.getMessage(), unavailable));
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(Severity.ERROR, provider, "pinned registry version " + pinned + " is not valid"));
            return Optional.empty();
        }
        RegistryDocument current = pinned == null ? priced : null;
        if (current == null) {
            try {
                current = registry.current(provider);
            } catch (RegistryException e) {
                current = null; // lifecycle falls back to the pinned snapshot
            }
        }
        if (pinned == null && priced.models().isEmpty()) {
            problems.add(new Problem(
                    Severity.WARNING,
                    provider,
                    "the registry has no data for this provider; its models cannot be checked"));
            return Optional.empty();
        }
        return Optional.of(new Source(provider, pinned, priced, current));
    }

    private static void check(Source s, String ref, String model, LocalDate today, List<Problem> problems) {
        Optional<ModelInfo> entry = s.priced().find(model);
        if (entry.isEmpty()) {
            String where = s.pinned() != null
                    ? "pinned registry version " + s.pinned()
                    : "the registry"
                            + (s.priced().version() > 0
                                    ? " (version " + s.priced().version() + ")"
                                    : "");
            problems.add(new Problem(Severity.ERROR, ref, "not in " + where));
            return;
        }
        ModelInfo lifecycle = entry.get();
        if (s.current() != null && s.current() != s.priced()) {
            lifecycle = s.current().find(model).orElse(lifecycle);
        }
        if (!lifecycle.isActive()) {
            problems.add(new Problem(Severity.ERROR, ref, "no longer active at the provider"));
        }
        Optional<LocalDate> deprecated = lifecycle.deprecatedDate();
        if (deprecated.isPresent() && lifecycle.isDeprecatedOn(today)) {
            problems.add(new Problem(Severity.ERROR, ref, "deprecated since " + deprecated.get()));
        } else if (deprecated.isPresent()) {
            problems.add(new Problem(Severity.WARNING, ref, "deprecated from " + deprecated.get()));
        }
    }
}
