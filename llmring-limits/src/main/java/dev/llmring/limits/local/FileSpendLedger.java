package dev.llmring.limits.local;

import dev.llmring.limits.SpendLedger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A spend ledger in a file, shared by the processes of one machine. Each reservation and each settlement locks the
 * file ({@code FILE.lock}), reads it, and replaces it atomically (a temporary file, forced to disk, then moved over
 * it), so a crash leaves the old file or the new one, never a torn one. Reservations are written as booked: a
 * process that dies with calls in flight leaves their worst case counted, never less. Accounts whose period ended
 * are dropped on the next write.
 *
 * <p>The file is text, one account a line: {@code account TAB booked-usd TAB period-end-epoch-second}.
 */
public final class FileSpendLedger implements SpendLedger {
    private static final String HEADER = "# llmring spend ledger v1";

    private final Path file;
    private final Path lock;
    private final Clock clock;
    private final Object monitor = new Object();

    private FileSpendLedger(Path file, Clock clock) {
        this.file = file;
        this.lock = file.resolveSibling(file.getFileName() + ".lock");
        this.clock = clock;
    }

    /**
     * A ledger in {@code file} (created when first written; its directory must exist), dropping ended periods by the
     * system clock.
     *
     * @param file the ledger's file; {@code FILE.lock} beside it is its lock
     * @return the ledger
     * @throws IllegalArgumentException when the file's directory does not exist
     */
    public static FileSpendLedger of(Path file) {
        return of(file, Clock.systemUTC());
    }

    /**
     * As {@link #of(Path)}, dropping ended periods by {@code clock}.
     *
     * @param file the ledger's file
     * @param clock the clock that says which periods have ended
     * @return the ledger
     * @throws IllegalArgumentException when the file's directory does not exist
     */
    public static FileSpendLedger of(Path file, Clock clock) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(clock, "clock");
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("the spend ledger's directory does not exist: " + dir);
        }
        return new FileSpendLedger(file.toAbsolutePath(), clock);
    }

    @Override
    public Optional<Reservation> reserve(String account, BigDecimal amount, BigDecimal limit, Instant periodEnd) {
        Objects.requireNonNull(account, "account");
        if (account.contains("\t") || account.contains("\n")) {
            throw new IllegalArgumentException("an account name must not contain tabs or line breaks");
        }
        boolean fits = update(entries -> {
            Entry e = entries.getOrDefault(account, new Entry(BigDecimal.ZERO, periodEnd.getEpochSecond()));
            if (!InMemorySpendLedger.fits(e.booked, amount, limit)) return false;
            entries.put(account, new Entry(e.booked.add(amount), periodEnd.getEpochSecond()));
            return true;
        });
        if (!fits) return Optional.empty();
        AtomicBoolean settled = new AtomicBoolean();
        return Optional.of(actual -> {
            Objects.requireNonNull(actual, "actual");
            if (!settled.compareAndSet(false, true)) return;
            update(entries -> {
                Entry e = entries.get(account);
                if (e != null)
                    entries.put(account, new Entry(e.booked.add(actual).subtract(amount), e.periodEnd));
                return true;
            });
        });
    }

    @Override
    public BigDecimal booked(String account) {
        return locked(() -> {
            Entry e = read().get(account);
            return e == null ? BigDecimal.ZERO : e.booked;
        });
    }

    private record Entry(BigDecimal booked, long periodEnd) {}

    @FunctionalInterface
    private interface Change {
        boolean apply(Map<String, Entry> entries);
    }

    /** Locks, reads, applies {@code change}, and (when it says so) replaces the file. */
    private boolean update(Change change) {
        return locked(() -> {
            Map<String, Entry> entries = read();
            if (!change.apply(entries)) return false;
            long now = clock.instant().getEpochSecond();
            entries.values().removeIf(e -> e.periodEnd <= now);
            write(entries);
            return true;
        });
    }

    @FunctionalInterface
    private interface Io<T> {
        T run() throws IOException;
    }

    /** Runs {@code io} holding this process's monitor and the file lock (other processes). */
    private <T> T locked(Io<T> io) {
        synchronized (monitor) {
            try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock l = ch.lock();
                try {
                    return io.run();
                } finally {
                    l.release();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot use the spend ledger " + file, e);
            }
        }
    }

    private Map<String, Entry> read() throws IOException {
        Map<String, Entry> entries = new TreeMap<>();
        if (!Files.exists(file)) return entries;
        int n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split("\t", -1);
            try {
                if (f.length != 3) throw new NumberFormatException("expected 3 tab-separated fields");
                entries.put(f[0], new Entry(new BigDecimal(f[1]), Long.parseLong(f[2])));
            } catch (NumberFormatException e) {
                throw new IllegalStateException(file + ":" + n + ": malformed spend ledger line: " + e.getMessage());
            }
        }
        return entries;
    }

    private void write(Map<String, Entry> entries) throws IOException {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        entries.forEach((account, e) -> out.append(account)
                .append('\t')
                .append(e.booked.toPlainString())
                .append('\t')
                .append(e.periodEnd)
                .append('\n'));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(
                tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(out.toString().getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public String toString() {
        return "FileSpendLedger[" + file + "]";
    }
}
