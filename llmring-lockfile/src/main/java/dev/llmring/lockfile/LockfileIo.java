package dev.llmring.lockfile;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Text in and out: decoding, secret screening, parsing, and atomic writes. */
final class LockfileIo {
    /**
     * The largest lockfile read, in UTF-8 bytes (or characters, for text given as a string). Real lockfiles are a
     * few KiB; the TOML parser spends tens of microseconds per character, so the cap also bounds parsing time.
     */
    static final int MAX_BYTES = 256 * 1024;

    private LockfileIo() {}

    static LockfileContent parse(String text, Format format, String file) {
        if (text.length() > MAX_BYTES) throw tooLarge(file);
        SecretScanner.Hit raw = SecretScanner.find(text);
        Node root;
        try {
            root = format == Format.JSON ? JsonSource.parse(text, file) : TomlSource.parse(text, file);
        } catch (LockfileException e) {
            if (raw != null) {
                throw secretInText(text, raw, file); // the parser's message might quote the secret
            }
            throw e;
        }
        LockfileException inTree = secretInTree(root, "", file);
        if (inTree != null) {
            throw inTree;
        }
        if (raw != null) {
            throw secretInText(text, raw, file); // outside any value: a comment
        }
        return LockfileDecoder.decode(root, file);
    }

    /** Reads {@code file}; {@code name} is how errors name it. */
    static LockfileContent read(Path file, String name) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1); // enough to tell that a file is too large
        } catch (NoSuchFileException e) {
            throw new LockfileNotFoundException("no lockfile at " + name, List.of(name));
        } catch (IOException e) {
            throw new LockfileException("cannot read: " + e, name, 0, 0, null, e);
        }
        return parse(decode(bytes, name), Format.of(file), name);
    }

    static LockfileContent read(URL url) {
        String name = url.toString();
        try (InputStream in = url.openStream()) {
            return parse(decode(in.readNBytes(MAX_BYTES + 1), name), Format.TOML, name);
        } catch (IOException e) {
            throw new LockfileException("cannot read: " + e, name, 0, 0, null, e);
        }
    }

    private static LockfileException tooLarge(String file) {
        return new LockfileException(
                "is larger than the " + MAX_BYTES / 1024 + " KiB a lockfile may have", file, 0, 0, null, null);
    }

    private static String decode(byte[] bytes, String file) {
        if (bytes.length > MAX_BYTES) throw tooLarge(file);
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new LockfileException("not UTF-8 text", file, 0, 0, null, e);
        }
    }

    /**
     * Writes through a temporary file in the same directory, then renames it over the target (atomically where the
     * file system can, else replacing). A symbolic link is written through, not replaced.
     */
    static void write(Path file, String text) {
        if (file.getFileSystem() != FileSystems.getDefault()
                || file.toString().startsWith("jar:")
                || file.toString().contains(".jar!")) {
            throw new LockfileException(
                    "refusing to write a lockfile inside a jar or a non-default file system",
                    file.toUri().toString(),
                    0,
                    0,
                    null,
                    null);
        }
        Path target = file.toAbsolutePath();
        try {
            if (Files.isSymbolicLink(target)) {
                target = target.toRealPath();
            }
        } catch (IOException e) {
            throw new LockfileException("cannot resolve link: " + e, file.toString(), 0, 0, null, e);
        }
        Path dir = target.getParent();
        Path tmp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new LockfileException("cannot write: " + e, file.toString(), 0, 0, null, e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort: the temporary file is hidden and named as ours
            }
        }
    }

    private static LockfileException secretInText(String text, SecretScanner.Hit hit, String file) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < hit.index(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return secret(hit, file, line, hit.index() - lineStart + 1, null);
    }

    private static @Nullable LockfileException secretInTree(Node node, String path, String file) {
        switch (node.kind) {
            case STRING:
                SecretScanner.Hit hit = SecretScanner.find(node.string());
                return hit == null ? null : secret(hit, file, node.line, node.column, path);
            case TABLE:
                for (Map.Entry<String, Node> e : node.members().entrySet()) {
                    String at = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                    SecretScanner.Hit inKey = SecretScanner.find(e.getKey());
                    if (inKey != null) {
                        return secret(
                                inKey,
                                file,
                                e.getValue().line,
                                e.getValue().column,
                                path.isEmpty() ? "(a key)" : path + ".(a key)");
                    }
                    LockfileException found = secretInTree(e.getValue(), at, file);
                    if (found != null) {
                        return found;
                    }
                }
                return null;
            case ARRAY:
                for (int i = 0; i < node.elements().size(); i++) {
                    LockfileException found = secretInTree(node.elements().get(i), path + "[" + i + "]", file);
                    if (found != null) {
                        return found;
                    }
                }
                return null;
            default:
                return null;
        }
    }

    private static LockfileException secret(
            SecretScanner.Hit hit, String file, int line, int column, @Nullable String field) {
        return new LockfileException(
                "this looks like " + hit.kind()
                        + " (not shown); a lockfile must never hold credentials: keys come from the environment",
                file,
                line,
                column,
                field,
                null);
    }
}
