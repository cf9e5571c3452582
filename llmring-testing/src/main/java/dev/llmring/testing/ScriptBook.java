package dev.llmring.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * Finds scripts by name, in order: scripts given in code; {@code <name>.json} in the configured directories (the
 * builder's, then {@code LLMRING_SCRIPTS}); {@code META-INF/llmring/scripts/<name>.json} on the class path. A file is read
 * once and kept.
 */
final class ScriptBook {
    static final String RESOURCE_DIR = "META-INF/llmring/scripts/"; // not a package: readable from any module

    private final Map<String, Script> code;
    private final List<Path> directories;
    private final List<ClassLoader> loaders;
    private final ConcurrentMap<String, Script> loaded = new ConcurrentHashMap<>();

    /** Captures the calling thread's context class loader, to find class-path scripts from the server's threads. */
    ScriptBook(Map<String, Script> code, List<Path> directories) {
        this.code = Map.copyOf(code);
        this.directories = List.copyOf(directories);
        this.loaders = loaders();
    }

    /**
     * The script {@code name}, or {@code null} when there is none.
     *
     * @throws IllegalArgumentException when its file is malformed
     */
    @Nullable
    Script find(String name) {
        Script s = code.get(name);
        if (s != null) return s;
        s = loaded.get(name);
        if (s != null) return s;
        s = load(name);
        if (s != null) loaded.putIfAbsent(name, s);
        return s;
    }

    private @Nullable Script load(String name) {
        for (Path dir : directories) {
            Path file = dir.resolve(name + ".json");
            if (Files.isRegularFile(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    return ScriptFiles.read(name, in, file.toString());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read script " + file, e);
                }
            }
        }
        String resource = RESOURCE_DIR + name + ".json";
        for (ClassLoader loader : loaders) {
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in != null) return ScriptFiles.read(name, in, "classpath:" + resource);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read script " + resource, e);
            }
        }
        return null;
    }

    private static List<ClassLoader> loaders() {
        List<ClassLoader> loaders = new ArrayList<>(2);
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) loaders.add(context);
        ClassLoader own = ScriptBook.class.getClassLoader();
        if (own != null && own != context) loaders.add(own);
        return loaders;
    }

    /** Where {@link #find} looks, for error messages. */
    String searched(String name) {
        List<String> places = new ArrayList<>();
        places.add("scripts given in code " + code.keySet());
        for (Path dir : directories) places.add(dir.resolve(name + ".json").toString());
        places.add("classpath:" + RESOURCE_DIR + name + ".json");
        return String.join(", ", places);
    }
}
