package dev.llmring.batch;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * {@link Journal} in one file, one JSON object a line: {@code {"k":id,"n":line,"h":hash,"s":status,"c":cost,"r":
 * record}}. Each entry goes out in one positional write of the whole line; a torn last line (the process killed
 * within that write, or the machine crashing) is cut off when the file is opened. The file is locked while open, so
 * that two runs cannot share a state directory.
 */
final class FileJournal implements Journal {
    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;
    private final long syncNanos;
    private long end;
    private long lastSync = System.nanoTime();
    private boolean dirty;

    private FileJournal(Path path, FileChannel channel, FileLock lock, long syncNanos, long end) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
        this.syncNanos = syncNanos;
        this.end = end;
    }

    static FileJournal open(Path path, Duration syncInterval) {
        FileChannel channel = null;
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            channel = FileChannel.open(
                    path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new IllegalStateException("another batch run is using " + path.getParent()
                        + " (its journal is locked); wait for it or choose another --state directory");
            }
            long end = completeLength(channel);
            if (end < channel.size()) {
                channel.truncate(end);
                channel.force(false);
            }
            return new FileJournal(path, channel, lock, syncInterval.toNanos(), end);
        } catch (IOException e) {
            close(channel);
            throw new UncheckedIOException("cannot open the journal " + path + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close(channel);
            throw e;
        }
    }

    private static void close(@Nullable FileChannel channel) {
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException ignored) {
            // already failing
        }
    }

    /** The length of the file up to and including its last line break. */
    private static long completeLength(FileChannel channel) throws IOException {
        long size = channel.size();
        ByteBuffer buf = ByteBuffer.allocate(8192);
        long at = size;
        while (at > 0) {
            int n = (int) Math.min(buf.capacity(), at);
            buf.clear().limit(n);
            long from = at - n;
            while (buf.hasRemaining()) {
                if (channel.read(buf, from + buf.position()) < 0) break;
            }
            for (int i = n - 1; i >= 0; i--) {
                if (buf.get(i) == '\n') return from + i + 1;
            }
            at = from;
        }
        return 0;
    }

    @Override
    public synchronized void replay(Visitor visitor) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(1 << 16);
            byte[] line = new byte[1024];
            int lineLength = 0;
            long lineStart = 0;
            long at = 0;
            while (at < end) {
                buf.clear();
                int n = channel.read(buf, at);
                if (n <= 0) break;
                n = (int) Math.min(n, end - at);
                for (int i = 0; i < n; i++) {
                    byte b = buf.get(i);
                    if (b == '\n') {
                        Journal.Entry entry = decode(line, lineLength);
                        if (entry != null) visitor.entry(lineStart, entry);
                        lineLength = 0;
                        lineStart = at + i + 1;
                    } else {
                        if (lineLength == line.length) line = Arrays.copyOf(line, line.length * 2);
                        line[lineLength++] = b;
                    }
                }
                at += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the journal " + path + ": " + e.getMessage(), e);
        }
    }

    private static final byte[] RECORD_FIELD = ",\"r\":".getBytes(StandardCharsets.US_ASCII);

    /**
     * The entry in {@code bytes}; null for a line that is not one (a machine crash can leave such lines). The record
     * is the last member and is taken as written: a quote inside a string is escaped, so the first {@code ,"r":} is
     * the member's own.
     */
    private static Journal.@Nullable Entry decode(byte[] bytes, int length) {
        int r = indexOf(bytes, length, RECORD_FIELD);
        if (r < 0 || length < r + RECORD_FIELD.length + 2 || bytes[length - 1] != '}') return null;
        try {
            byte[] head = Arrays.copyOf(bytes, r + 1);
            head[r] = '}';
            JsonNode node = Jsons.MAPPER.readTree(head);
            JsonNode id = node.path("k");
            int from = r + RECORD_FIELD.length;
            return new Journal.Entry(
                    id.isTextual() ? id.asText() : null,
                    node.path("n").asLong(),
                    node.path("h").asText(""),
                    node.path("s").asText(""),
                    new BigDecimal(node.path("c").asText("0")),
                    new String(bytes, from, length - 1 - from, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static int indexOf(byte[] bytes, int length, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (bytes[i + j] != what[j]) continue outer;
            }
            return i;
        }
        return -1;
    }

    @Override
    public synchronized long append(Journal.Entry entry) {
        byte[] bytes = encode(entry);
        try {
            long position = end;
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) channel.write(buf, position + buf.position());
            end += bytes.length;
            dirty = true;
            long now = System.nanoTime();
            if (syncNanos == 0 || now - lastSync >= syncNanos) {
                channel.force(false);
                lastSync = now;
                dirty = false;
            }
            return position;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal " + path + ": " + e.getMessage(), e);
        }
    }

    private static byte[] encode(Journal.Entry entry) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(entry.record().length() + 160);
        try (JsonGenerator g = Jsons.MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("k", entry.customId());
            g.writeNumberField("n", entry.line());
            g.writeStringField("h", entry.requestHash());
            g.writeStringField("s", entry.status());
            g.writeStringField("c", entry.cost().toPlainString());
            g.writeFieldName("r");
            g.writeRawValue(entry.record());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    @Override
    public synchronized Journal.Entry read(long position) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(4096);
            byte[] line = new byte[4096];
            int length = 0;
            long at = position;
            while (at < end) {
                buf.clear();
                int n = channel.read(buf, at);
                if (n <= 0) break;
                for (int i = 0; i < n; i++) {
                    if (buf.get(i) == '\n') {
                        Journal.Entry entry = decode(line, length);
                        if (entry == null) break;
                        return entry;
                    }
                    if (length == line.length) line = Arrays.copyOf(line, line.length * 2);
                    line[length++] = buf.get(i);
                }
                at += n;
            }
            throw new UncheckedIOException(new IOException("no journal entry at " + position + " of " + path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the journal " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void sync() {
        if (!dirty) return;
        try {
            channel.force(false);
            lastSync = System.nanoTime();
            dirty = false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync the journal " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (!channel.isOpen()) return;
        try {
            sync();
        } finally {
            try {
                lock.release();
            } catch (IOException ignored) {
                // closing the channel releases it too
            }
            close(channel);
        }
    }

    @Override
    public String toString() {
        return "FileJournal[" + path + "]";
    }
}
