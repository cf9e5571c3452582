package dev.llmring.lockfile;

import java.net.URL;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * An {@code llmring.lock}: per profile, aliases bound to ordered pools of {@code provider:model}, the registry
 * versions each profile pins, the packages it extends, and free-form metadata. The same format as the Python
 * project LLMRing, in TOML or JSON; see {@code docs/lockfile.md}.
 *
 * <pre>{@code
 * Lockfile lock = Lockfile.discover(Discovery.defaults());
 * Profile profile = lock.profile(null, System::getenv);          // explicit > LLMRING_PROFILE > default_profile
 * List<ModelRef> pool = lock.resolve("summarizer", profile.name(), Set.of("openai", "anthropic"));
 * }</pre>
 *
 * <p>Immutable and thread-safe: editing methods return new instances, and any number of threads may resolve
 * through one instance at once. Equality covers everything the file says (timestamps included), not where it was
 * read from nor the {@linkplain #warnings() warnings}.
 */
public final class Lockfile {
    private final LockfileContent content;
    private final @Nullable String source;
    private final @Nullable Path path;
    private final Resolver resolver;

    private Lockfile(LockfileContent content, @Nullable String source, @Nullable Path path, ClassLoader loader) {
        this.content = content;
        this.source = source;
        this.path = path;
        this.resolver = new Resolver(this, loader);
    }

    // ---------------------------------------------------------------- reading and writing

    /**
     * Reads a lockfile: JSON when the name ends in {@code .json}, TOML otherwise. Extends packages are looked up
     * through the context class loader.
     *
     * @param file the file
     * @return the lockfile, with {@link #source()} the file's path (its URI when it is not on the default file
     *     system, such as a path inside a jar) and {@link #path()} the file when it is on the default file system
     * @throws LockfileNotFoundException if the file does not exist
     * @throws LockfileException if it cannot be read, is not UTF-8, is malformed, fails validation, or contains
     *     anything key-shaped (with file, line, column and field)
     */
    public static Lockfile read(Path file) {
        return read(Objects.requireNonNull(file, "file"), Discovery.defaultClassLoader());
    }

    static Lockfile read(Path file, ClassLoader loader) {
        boolean onDisk = file.getFileSystem() == FileSystems.getDefault();
        String name = onDisk ? file.toString() : file.toUri().toString();
        return new Lockfile(LockfileIo.read(file, name), name, onDisk ? file : null, loader);
    }

    static Lockfile read(URL url, ClassLoader loader) {
        return new Lockfile(LockfileIo.read(url), url.toString(), null, loader);
    }

    /**
     * Parses lockfile text.
     *
     * @param text the TOML or JSON text
     * @param format its format
     * @param sourceName the name errors and {@link #source()} use, such as a file name
     * @return the lockfile
     * @throws LockfileException if the text is malformed, fails validation, or contains anything key-shaped
     */
    public static Lockfile parse(String text, Format format, String sourceName) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(sourceName, "sourceName");
        return new Lockfile(
                LockfileIo.parse(text, format, sourceName), sourceName, null, Discovery.defaultClassLoader());
    }

    /**
     * Finds and reads the lockfile by the rule of {@link Discovery}: explicit path, {@code LLMRING_LOCKFILE_PATH},
     * {@code ./llmring.lock}, {@code ./llmring.lock.json}, classpath {@code llmring.lock}.
     *
     * @param discovery where to look, and the class loader for the classpath and extends packages
     * @return the first lockfile found
     * @throws LockfileNotFoundException if none is found (listing every place looked), or if the explicit path or
     *     the file named by {@code LLMRING_LOCKFILE_PATH} does not exist
     * @throws LockfileException if the lockfile found is invalid
     */
    public static Lockfile discover(Discovery discovery) {
        return Objects.requireNonNull(discovery, "discovery").discover();
    }

    /**
     * Writes this lockfile, as JSON when the name ends in {@code .json} and TOML otherwise, through a temporary
     * file in the same directory renamed over the target (atomic where the file system allows).
     *
     * @param file the target
     * @throws LockfileException if the path is inside a jar or another non-default file system, or writing fails
     */
    public void write(Path file) {
        Objects.requireNonNull(file, "file");
        LockfileIo.write(file, Format.of(file) == Format.JSON ? toJson() : toToml());
    }

    /** {@return this lockfile as TOML, in the layout LLMRing reads} */
    public String toToml() {
        return TomlWriter.write(content);
    }

    /** {@return this lockfile as JSON, indented by two spaces} */
    public String toJson() {
        return JsonWriter.write(content);
    }

    /**
     * Where this lockfile came from, for messages: the file path, the URI of a path on another file system (such as
     * {@code jar:file:/app.jar!/llmring.lock}), the classpath URL, or the source name given to {@link #parse}.
     * Lockfiles made by editing keep their original's source.
     *
     * @return the source; empty when the lockfile was built ({@link #empty})
     */
    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    /**
     * The file this lockfile was read from, when it is a file that {@link #write} can replace: present only for a
     * lockfile read from a path on the default file system ({@link #read}, or {@link #discover} finding an explicit
     * path, {@code LLMRING_LOCKFILE_PATH} or a file in the working directory), and for lockfiles edited from one.
     * Empty for a classpath resource (even one in a directory on the class path), a path inside a jar or another
     * file system, parsed text, and {@link #empty} lockfiles: tools that edit a lockfile in place check this, and
     * name {@link #source()} when it is empty.
     *
     * @return the file, as it was given (relative paths stay relative)
     */
    public Optional<Path> path() {
        return Optional.ofNullable(path);
    }

    /**
     * What reading noticed without refusing: unknown keys (kept), JSON nulls in free-form tables (dropped),
     * timestamps without offset, a default profile that is not defined, a model listed twice in a pool, legacy
     * single-model bindings, and what the Python project LLMRing accepts but this library would not write (read
     * with LLMRing's meaning): a version other than 1.x, an alias outside the naming rule, a repeated alias (the
     * first binding counts), a pool entry without {@code provider:} (skipped), an empty pool (the alias is not
     * bound). Callers log them. Empty for lockfiles made by editing.
     *
     * @return the warnings, each naming file, line and field
     */
    public List<String> warnings() {
        return content.warnings();
    }

    // ---------------------------------------------------------------- content

    /** {@return the format version as written ({@code 1.0} unless the file says otherwise; see {@link #warnings()})} */
    public String version() {
        return content.version();
    }

    /** {@return when the lockfile was created, if it says} */
    public Optional<OffsetDateTime> createdAt() {
        return Optional.ofNullable(content.createdAt()).map(Stamp::value);
    }

    /** {@return when the lockfile was last changed, if it says} */
    public Optional<OffsetDateTime> updatedAt() {
        return Optional.ofNullable(content.updatedAt()).map(Stamp::value);
    }

    /** {@return the profile used when none is asked for ({@code default} unless the file says otherwise)} */
    public String defaultProfile() {
        return content.defaultProfile();
    }

    /** {@return the profiles by name, in file order (unmodifiable)} */
    public Map<String, Profile> profiles() {
        return content.profiles();
    }

    /** {@return free-form metadata, kept on round trip and not interpreted (unmodifiable)} */
    public Map<String, Object> metadata() {
        return content.metadata();
    }

    /** {@return the packages whose aliases this lockfile may use as {@code package:alias}, in file order} */
    public List<String> extendsPackages() {
        return content.extendsPackages();
    }

    // ---------------------------------------------------------------- profiles and resolution

    /**
     * The profile of that exact name.
     *
     * @param name a profile name
     * @return the profile
     * @throws LockfileException if there is no such profile, listing the profiles there are
     */
    public Profile profile(String name) {
        return content.requireProfile(Objects.requireNonNull(name, "name"), "", source);
    }

    /**
     * Selects the profile: {@code explicit} if non-blank, else the environment variable {@code LLMRING_PROFILE}
     * if set and non-blank, else {@link #defaultProfile()}.
     *
     * @param explicit a profile asked for by the caller, or null
     * @param environment looks up environment variables (null when unset), such as {@code System::getenv}
     * @return the selected profile
     * @throws LockfileException if the selected profile does not exist, saying how it was selected and listing
     *     the profiles there are
     */
    public Profile profile(@Nullable String explicit, Function<String, @Nullable String> environment) {
        Objects.requireNonNull(environment, "environment");
        if (explicit != null && !explicit.isBlank()) {
            return content.requireProfile(explicit.strip(), " (asked for)", source);
        }
        String fromEnv = environment.apply(Discovery.PROFILE_VARIABLE);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return content.requireProfile(fromEnv.strip(), " (from " + Discovery.PROFILE_VARIABLE + ")", source);
        }
        return content.requireProfile(content.defaultProfile(), " (the default profile)", source);
    }

    /**
     * Resolves an alias or model reference to its ordered pool. {@code x:y} is read as a model reference when
     * {@code x} is a known provider; otherwise as the consumer's own binding of {@code x:y} if this lockfile has
     * one (an override); otherwise as alias {@code y} of extends package {@code x}, looked up in the package's
     * classpath lockfile {@code META-INF/llmring/x/llmring.lock} (in its profile of the same name, else its
     * default profile).
     *
     * @param aliasOrRef an alias, {@code package:alias}, or {@code provider:model}
     * @param profileName the profile to resolve in
     * @param knownProviders the provider ids that make {@code x:y} a model reference
     * @return the pool, in order of preference; never empty
     * @throws LockfileException if the profile does not exist, the alias is not bound, the package is not declared
     *     or not on the classpath, or {@code x:y} fits neither reading (naming both)
     */
    public List<ModelRef> resolve(String aliasOrRef, String profileName, Set<String> knownProviders) {
        Objects.requireNonNull(aliasOrRef, "aliasOrRef");
        Objects.requireNonNull(profileName, "profileName");
        Objects.requireNonNull(knownProviders, "knownProviders");
        return resolver.resolve(aliasOrRef, profileName, knownProviders);
    }

    /**
     * Checks that every alias resolves, as {@link #resolve} would, and reports all that do not at once.
     *
     * @param profileName the profile to resolve in
     * @param knownProviders the provider ids that make {@code x:y} a model reference
     * @param aliases the aliases the application needs
     * @throws LockfileException if the profile does not exist, or naming every alias that does not resolve and why
     */
    public void require(String profileName, Set<String> knownProviders, String... aliases) {
        Objects.requireNonNull(profileName, "profileName");
        Objects.requireNonNull(knownProviders, "knownProviders");
        Objects.requireNonNull(aliases, "aliases");
        resolver.require(profileName, knownProviders, aliases);
    }

    /**
     * The lockfile an extends package ships, as resolution reads it: the classpath resource
     * {@code META-INF/llmring/<package>/llmring.lock}, loaded once and cached.
     *
     * @param pkg one of {@link #extendsPackages()}
     * @return the package's lockfile
     * @throws IllegalArgumentException if {@code pkg} is not among the extends packages
     * @throws LockfileNotFoundException if the package has no lockfile on the classpath
     * @throws LockfileException if its lockfile is invalid
     */
    public Lockfile extendsPackage(String pkg) {
        if (!extendsPackages().contains(Objects.requireNonNull(pkg, "pkg"))) {
            throw new IllegalArgumentException(
                    "'" + Names.printable(pkg) + "' is not among the extends packages " + extendsPackages());
        }
        return resolver.packageLockfile(pkg);
    }

    /**
     * SHA-256 (lowercase hex) of the RFC 8785 canonical JSON of the lockfile's meaning: {@code default_profile},
     * the extends packages (sorted), and for each profile its bindings keyed by alias (models in pool order,
     * constraints when present) and its registry versions. Timestamps, {@code version}, metadata, unknown keys,
     * the order of profiles and bindings, and the file format do not change it: the TOML and JSON forms of one
     * lockfile have the same digest.
     *
     * @return 64 hex characters
     */
    public String digest() {
        return Digests.sha256Hex(content);
    }

    // ---------------------------------------------------------------- editing

    /**
     * A new lockfile in LLMRing's starting shape: version {@code 1.0}, created and updated now, default profile
     * {@code default}, and empty profiles {@code default}, {@code prod}, {@code staging} and {@code dev}.
     *
     * @param clock the time source
     * @return the lockfile
     */
    public static Lockfile empty(Clock clock) {
        return empty(clock, List.of("default", "prod", "staging", "dev"));
    }

    /**
     * A new lockfile with the given empty profiles, in that order: version {@code 1.0}, created and updated now,
     * and {@code default_profile} the <em>first</em> name, so that it always names a profile the file defines (put
     * {@code "default"} first to get LLMRing's usual default; {@link #withDefaultProfile} changes it later).
     *
     * @param clock the time source
     * @param profileNames the profile names, at least one, each following the naming rule, none repeated
     * @return the lockfile
     * @throws IllegalArgumentException if the list is empty, a name is malformed, or a name repeats (naming it)
     */
    public static Lockfile empty(Clock clock, List<String> profileNames) {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(profileNames, "profileNames");
        if (profileNames.isEmpty()) {
            throw new IllegalArgumentException("A lockfile needs at least one profile");
        }
        Map<String, Profile> profiles = new LinkedHashMap<>();
        for (String name : profileNames) {
            if (profiles.put(name, Profile.of(name, List.of(), Map.of())) != null) { // Profile.of checks the name
                throw new IllegalArgumentException("Profile '" + name + "' is listed twice in " + profileNames);
            }
        }
        Stamp now = Stamp.now(clock);
        return new Lockfile(
                new LockfileContent(
                        "1.0",
                        now,
                        now,
                        profileNames.get(0),
                        Map.of(),
                        List.of(),
                        java.util.Collections.unmodifiableMap(profiles),
                        Map.of(),
                        List.of()),
                null,
                null,
                Discovery.defaultClassLoader());
    }

    /**
     * Binds an alias to a pool (replacing its binding in place, or appending; creating the profile if needed).
     *
     * @param profile the profile name
     * @param alias the alias
     * @param models the pool, in order of preference
     * @param clock sets {@code updated_at}
     * @return the new lockfile
     * @throws IllegalArgumentException if a name is malformed, the pool is empty, or the result would contain
     *     anything key-shaped
     */
    public Lockfile bind(String profile, String alias, List<ModelRef> models, Clock clock) {
        return bind(profile, Binding.of(alias, models), clock);
    }

    /**
     * Binds as {@link #bind(String, String, List, Clock)}, with the binding's constraints.
     *
     * @param profile the profile name
     * @param binding the binding
     * @param clock sets {@code updated_at}
     * @return the new lockfile
     * @throws IllegalArgumentException if the profile name is malformed or the result would contain anything
     *     key-shaped
     */
    public Lockfile bind(String profile, Binding binding, Clock clock) {
        Objects.requireNonNull(binding, "binding");
        return withProfile(orNew(profile).withBinding(binding), clock);
    }

    /**
     * Removes an alias's binding.
     *
     * @param profile the profile name
     * @param alias the alias
     * @param clock sets {@code updated_at}
     * @return the new lockfile
     * @throws IllegalArgumentException if the profile does not exist or does not bind the alias
     */
    public Lockfile unbind(String profile, String alias, Clock clock) {
        Objects.requireNonNull(alias, "alias");
        Profile existing = existing(profile);
        if (existing.binding(alias).isEmpty()) {
            throw new IllegalArgumentException("Alias '" + Names.printable(alias) + "' is not bound in profile '"
                    + profile + "'; bound aliases: " + existing.aliases());
        }
        return withProfile(existing.withoutBinding(alias), clock);
    }

    /**
     * Replaces a profile's registry version pins (creating the profile if needed).
     *
     * @param profile the profile name
     * @param versions provider to registry snapshot version, each at least 0
     * @param clock sets {@code updated_at}
     * @return the new lockfile
     * @throws IllegalArgumentException if a name is malformed or a version is negative
     */
    public Lockfile withRegistryVersions(String profile, Map<String, Integer> versions, Clock clock) {
        Objects.requireNonNull(versions, "versions");
        return withProfile(orNew(profile).withRegistryVersions(versions), clock);
    }

    /**
     * A copy with another default profile.
     *
     * @param profile the new default profile name (it need not exist yet)
     * @param clock sets {@code updated_at}
     * @return the new lockfile
     * @throws IllegalArgumentException if the name is malformed
     */
    public Lockfile withDefaultProfile(String profile, Clock clock) {
        Names.requireName("profile name", Objects.requireNonNull(profile, "profile"));
        return edited(content.withDefaultProfile(profile, Stamp.now(Objects.requireNonNull(clock, "clock"))));
    }

    /**
     * A copy with other extends packages, replacing the current ones.
     *
     * @param packages the extends packages, in order
     * @param clock sets {@code updated_at}
     * @return the new lockfile
     * @throws IllegalArgumentException if a name is malformed or repeated
     */
    public Lockfile withExtendsPackages(List<String> packages, Clock clock) {
        Objects.requireNonNull(packages, "packages");
        for (String pkg : packages) {
            Names.requireName("package name", Objects.requireNonNull(pkg, "package"));
        }
        if (new LinkedHashSet<>(packages).size() != packages.size()) {
            throw new IllegalArgumentException("Extends packages repeat a name: " + packages);
        }
        return edited(
                content.withExtendsPackages(List.copyOf(packages), Stamp.now(Objects.requireNonNull(clock, "clock"))));
    }

    /**
     * A copy with other metadata, replacing the current metadata.
     *
     * @param metadata free-form metadata: strings, booleans, integers, finite numbers, lists and string-keyed
     *     maps of those
     * @param clock sets {@code updated_at}
     * @return the new lockfile
     * @throws IllegalArgumentException if a value cannot be written as TOML and JSON, or is key-shaped
     */
    public Lockfile withMetadata(Map<String, ?> metadata, Clock clock) {
        Objects.requireNonNull(metadata, "metadata");
        return edited(
                content.withMetadata(FreeForm.copyTable(metadata), Stamp.now(Objects.requireNonNull(clock, "clock"))));
    }

    private Profile orNew(String profile) {
        Objects.requireNonNull(profile, "profile");
        Profile existing = content.profiles().get(profile);
        return existing != null ? existing : Profile.of(profile, List.of(), Map.of());
    }

    private Profile existing(String profile) {
        Objects.requireNonNull(profile, "profile");
        Profile existing = content.profiles().get(profile);
        if (existing == null) {
            throw new IllegalArgumentException("No profile '" + Names.printable(profile) + "'; profiles: "
                    + content.profiles().keySet());
        }
        return existing;
    }

    private Lockfile withProfile(Profile profile, Clock clock) {
        return edited(content.withProfile(profile, Stamp.now(Objects.requireNonNull(clock, "clock"))));
    }

    private Lockfile edited(LockfileContent next) {
        SecretScanner.Hit hit = SecretScanner.find(TomlWriter.write(next));
        if (hit != null) {
            throw new IllegalArgumentException(
                    "Refusing to put " + hit.kind() + " (not shown) into a lockfile: keys come from the environment");
        }
        return new Lockfile(next, source, path, resolver.loader());
    }

    // ---------------------------------------------------------------- identity

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Lockfile && content.sameAs(((Lockfile) o).content);
    }

    @Override
    public int hashCode() {
        return content.contentHash();
    }

    @Override
    public String toString() {
        return "Lockfile[" + (source != null ? source + ", " : "") + "version " + content.version()
                + ", default profile " + content.defaultProfile() + ", profiles "
                + content.profiles().keySet() + "]";
    }
}
