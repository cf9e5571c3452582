package dev.llmring.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Which models may be called: allow and deny lists of {@code provider:model} globs. Immutable.
 *
 * <p>Patterns: {@code *} matches any run of characters (including {@code :}), {@code ?} one character; matching is
 * case-sensitive and covers the whole {@code provider:model}. A pattern without {@code :} names a whole provider
 * ({@code openai} means {@code openai:*}).
 *
 * <p>A model is permitted when no deny pattern matches it and, if there are allow patterns, one of them does.
 * Patterns come from the builder and from the environment ({@value #ALLOWED_ENV}, {@value #DENIED_ENV}: comma-separated
 * lists). The two sources narrow each other: with allow lists in both, a model must match both; a deny pattern from
 * either refuses. When a {@link ModelInfo} is at hand, the model's aliases count too: any denied name refuses, any
 * allowed name permits.
 *
 * <pre>{@code
 * ModelPolicy policy = ModelPolicy.builder().allow("anthropic:*", "openai:gpt-5*").deny("openai:gpt-5-pro*").build();
 * }</pre>
 */
public final class ModelPolicy {
    /** The environment variable with comma-separated allow patterns, read when the builder is given an environment. */
    public static final String ALLOWED_ENV = "LLMRING_ALLOWED_MODELS";

    /** The environment variable with comma-separated deny patterns, read when the builder is given an environment. */
    public static final String DENIED_ENV = "LLMRING_DENIED_MODELS";

    private static final ModelPolicy ALLOW_ALL = new ModelPolicy(List.of(), List.of(), List.of(), List.of());

    private final List<String> allow;
    private final List<String> deny;
    private final List<String> envAllow;
    private final List<String> envDeny;
    private final List<Glob> allowRx;
    private final List<Glob> denyRx;
    private final List<Glob> envAllowRx;

    /** A pattern as written and as a regular expression. */
    private record Glob(String text, String pattern) {
        boolean matches(String ref) {
            return globMatches(pattern, ref);
        }
    }

    private ModelPolicy(List<String> allow, List<String> deny, List<String> envAllow, List<String> envDeny) {
        this.allow = List.copyOf(allow);
        this.deny = List.copyOf(deny);
        this.envAllow = List.copyOf(envAllow);
        this.envDeny = List.copyOf(envDeny);
        this.allowRx = compile(allow);
        this.envAllowRx = compile(envAllow);
        List<String> allDeny = new ArrayList<>(deny);
        allDeny.addAll(envDeny);
        this.denyRx = compile(allDeny);
    }

    /** {@return a policy that permits every model} */
    public static ModelPolicy allowAll() {
        return ALLOW_ALL;
    }

    /** {@return a builder with no patterns and no environment} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether {@code provider:model} may be called.
     *
     * @param provider the registry provider name
     * @param model the model name, without the provider prefix
     * @return {@code true} when no deny pattern matches and every allow list present has a matching pattern
     */
    public boolean permits(String provider, String model) {
        return refusal(provider, List.of(Objects.requireNonNull(model, "model")))
                .isEmpty();
    }

    /**
     * Whether the model may be called under its name or any of its aliases (a denied alias refuses it).
     *
     * @param model the registry entry, whose name and aliases are matched
     * @return {@code true} when no name is denied and, for each allow list present, some name is allowed
     */
    public boolean permits(ModelInfo model) {
        return refusal(model).isEmpty();
    }

    /**
     * Why {@code provider:model} may not be called.
     *
     * @param provider the registry provider name
     * @param model the model name, without the provider prefix
     * @return the reason, naming the deny pattern or the allow list that refuses it; empty when it may be called
     */
    public Optional<String> refusal(String provider, String model) {
        return refusal(provider, List.of(Objects.requireNonNull(model, "model")));
    }

    /**
     * Why the model may not be called under its name or aliases.
     *
     * @param model the registry entry, whose name and aliases are matched
     * @return the reason, naming the deny pattern or the allow list that refuses it; empty when it may be called
     */
    public Optional<String> refusal(ModelInfo model) {
        List<String> names = new ArrayList<>();
        names.add(model.modelName());
        names.addAll(model.aliases());
        return refusal(model.provider(), names);
    }

    private Optional<String> refusal(String provider, List<String> names) {
        Objects.requireNonNull(provider, "provider");
        List<String> refs = names.stream().map(n -> provider + ":" + n).toList();
        for (String ref : refs) {
            for (Glob g : denyRx) {
                if (g.matches(ref)) return Optional.of(ref + " is denied by pattern '" + g.text() + "'");
            }
        }
        if (!allowRx.isEmpty() && refs.stream().noneMatch(r -> anyMatch(allowRx, r))) {
            return Optional.of(refs.get(0) + " matches no allowed pattern " + allow);
        }
        if (!envAllowRx.isEmpty() && refs.stream().noneMatch(r -> anyMatch(envAllowRx, r))) {
            return Optional.of(refs.get(0) + " matches no pattern of " + ALLOWED_ENV + " " + envAllow);
        }
        return Optional.empty();
    }

    private static boolean anyMatch(List<Glob> globs, String ref) {
        return globs.stream().anyMatch(g -> g.matches(ref));
    }

    private static List<Glob> compile(List<String> globs) {
        return globs.stream().map(g -> new Glob(g, glob(g))).toList();
    }

    /** A glob as given and as matched: "openai" means "openai:*". */
    private static String glob(String glob) {
        return glob.contains(":") ? glob : glob + ":*";
    }

    /**
     * Whether {@code text} matches {@code glob} ({@code *} any run, {@code ?} one character), by the greedy scan
     * that backtracks only to the last star: at worst glob length times text length steps, never exponential as a
     * regular expression of several {@code .*} can be.
     */
    static boolean globMatches(String glob, String text) {
        int g = 0;
        int t = 0;
        int star = -1;
        int mark = 0;
        while (t < text.length()) {
            if (g < glob.length() && (glob.charAt(g) == '?' || glob.charAt(g) == text.charAt(t))) {
                g++;
                t++;
            } else if (g < glob.length() && glob.charAt(g) == '*') {
                star = g++;
                mark = t;
            } else if (star >= 0) {
                g = star + 1;
                t = ++mark;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') g++;
        return g == glob.length();
    }

    @Override
    public String toString() {
        return "ModelPolicy[allow=" + allow + ", deny=" + deny
                + (envAllow.isEmpty() && envDeny.isEmpty() ? "" : ", env allow=" + envAllow + ", env deny=" + envDeny)
                + "]";
    }

    /** Builds a {@link ModelPolicy}. */
    public static final class Builder {
        private final List<String> allow = new ArrayList<>();
        private final List<String> deny = new ArrayList<>();
        private Function<String, @Nullable String> environment = name -> null;

        private Builder() {}

        /**
         * Adds allow patterns; none by default (every model not denied is allowed).
         *
         * @param patterns {@code provider:model} globs, or bare provider names
         * @return this builder
         * @throws IllegalArgumentException when a pattern is blank or contains {@code ,} or whitespace
         */
        public Builder allow(String... patterns) {
            for (String p : patterns) allow.add(check(p));
            return this;
        }

        /**
         * Adds deny patterns; none by default.
         *
         * @param patterns {@code provider:model} globs, or bare provider names
         * @return this builder
         * @throws IllegalArgumentException when a pattern is blank or contains {@code ,} or whitespace
         */
        public Builder deny(String... patterns) {
            for (String p : patterns) deny.add(check(p));
            return this;
        }

        /**
         * Also reads {@value #ALLOWED_ENV} and {@value #DENIED_ENV} from {@code environment} (e.g.
         * {@code System::getenv}). Default: no environment.
         *
         * @param environment looks a variable up by name; returns {@code null} when it is unset
         * @return this builder
         */
        public Builder environment(Function<String, @Nullable String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /**
         * Builds the policy, reading the environment's patterns now.
         *
         * @return the policy
         * @throws IllegalArgumentException when an environment variable holds a malformed pattern, naming it
         */
        public ModelPolicy build() {
            return new ModelPolicy(allow, deny, fromEnv(ALLOWED_ENV), fromEnv(DENIED_ENV));
        }

        private List<String> fromEnv(String name) {
            String v = environment.apply(name);
            List<String> out = new ArrayList<>();
            if (v == null) return out;
            for (String p : v.split(",")) {
                String t = p.trim();
                if (t.isEmpty()) continue;
                try {
                    out.add(check(t));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
                }
            }
            return out;
        }

        private static String check(String pattern) {
            Objects.requireNonNull(pattern, "pattern");
            if (pattern.isBlank() || pattern.contains(",") || pattern.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException(
                        "model pattern must be a non-blank glob without ',' or spaces, was '" + pattern + "'");
            }
            return pattern;
        }
    }
}
