package dev.llmring.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's on-disk cache, shared by every process of the user.
 *
 * <p>Layout: {@code <root>/<source>/<provider>/models.json} for current data and
 * {@code <root>/<source>/<provider>/v/<n>/models.json} for snapshots, where {@code <source>} is the first 16 hex
 * digits of the SHA-256 of the base URL (two registries never share entries).
 *
 * <p>A file is one header line, {@code llmring-registry-cache 1 <fetched-at epoch millis> <sha-256 of the body>},
 * followed by the document exactly as fetched. It is written to a temporary file in the same directory and moved into
 * place atomically, so a reader in another process sees the old file or the new one, never a mix. A file whose header
 * or checksum does not match is ignored (and overwritten by the next successful fetch). Nothing here ever deletes
 * the cache.
 */
final class DiskCache {
    private static final Logger LOG = LoggerFactory.getLogger(DiskCache.class);
    private static final String MAGIC = "llmring-registry-cache 1 ";

    /** A cached document and when it was fetched. */
    record Entry(byte[] body, Instant fetchedAt) {}

    private final Path dir;

    DiskCache(Path root, String baseUrl) {
        this.dir = root.resolve(HexFormat.of().formatHex(sha256(baseUrl.getBytes(StandardCharsets.UTF_8)), 0, 8));
    }

    Path file(String provider, @Nullable Integer version) {
        Path p = dir.resolve(provider);
        if (version != null) p = p.resolve("v").resolve(Integer.toString(version));
        return p.resolve("models.json");
    }

    /** The cached entry, or empty when there is none or it is unreadable or corrupt. */
    Optional<Entry> read(String provider, @Nullable Integer version) {
        Path file = file(provider, version);
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.debug("registry cache {} unreadable, ignored: {}", file, e.toString());
            return Optional.empty();
        }
        int nl = indexOf(all, (byte) '\n');
        String header = nl < 0 ? "" : new String(all, 0, nl, StandardCharsets.US_ASCII);
        String[] parts =
                header.startsWith(MAGIC) ? header.substring(MAGIC.length()).split(" ") : new String[0];
        if (parts.length != 2) return corrupt(file);
        byte[] body = Arrays.copyOfRange(all, nl + 1, all.length);
        if (!HexFormat.of().formatHex(sha256(body)).equals(parts[1])) return corrupt(file);
        try {
            return Optional.of(new Entry(body, Instant.ofEpochMilli(Long.parseLong(parts[0]))));
        } catch (NumberFormatException e) {
            return corrupt(file);
        }
    }

    /** Stores a document atomically; a failure to write is logged and otherwise ignored (the cache is best effort). */
    void write(String provider, @Nullable Integer version, byte[] body, Instant fetchedAt) {
        Path file = file(provider, version);
        Path tmp = null;
        try {
            Files.createDirectories(file.getParent());
            tmp = Files.createTempFile(file.getParent(), "models.json.", ".tmp");
            byte[] header = (MAGIC + fetchedAt.toEpochMilli() + " "
                            + HexFormat.of().formatHex(sha256(body)) + "\n")
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] all = Arrays.copyOf(header, header.length + body.length);
            System.arraycopy(body, 0, all, header.length, body.length);
            Files.write(tmp, all);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException | RuntimeException e) {
            LOG.debug("registry cache {} not written: {}", file, e.toString());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // only our own temporary file; nothing more to do
                }
            }
        }
    }

    private static Optional<Entry> corrupt(Path file) {
        LOG.debug("registry cache {} is corrupt, ignored", file);
        return Optional.empty();
    }

    private static int indexOf(byte[] a, byte b) {
        for (int i = 0; i < a.length && i < 256; i++) {
            if (a[i] == b) return i;
        }
        return -1;
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
