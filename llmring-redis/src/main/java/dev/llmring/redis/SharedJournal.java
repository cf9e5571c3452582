package dev.llmring.redis;

import dev.llmring.batch.Journal;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * A worker's journal in a {@link RedisBatchJob}: each outcome claims its {@code custom_id} in the job's hash
 * ({@code HSETNX}) before this machine's journal is written, so a line answered by two workers (one took it over from
 * the other) is recorded once; then its stream entry is acknowledged. Skipped lines are neither claimed nor
 * acknowledged: another worker may send them.
 */
final class SharedJournal implements Journal {
    private final StreamLines lines;
    private final Journal local;
    private final RedisCommands<String, String> redis;

    SharedJournal(StreamLines lines, Journal local) {
        this.lines = lines;
        this.local = local;
        this.redis = lines.owner.connection.sync();
    }

    @Override
    public long append(Entry entry) {
        if (entry.status().equals("skipped")) return local.append(entry);
        String streamId = lines.entry(entry.line());
        String id = entry.customId();
        String key = id != null ? id : "line:" + streamId;
        long position = -1;
        if (redis.hsetnx(lines.owner.done, key, entry.record())) position = local.append(entry);
        if (streamId != null) {
            redis.xack(lines.owner.stream, RedisBatchJob.GROUP, streamId);
            lines.release(entry.line());
        }
        return position;
    }

    @Override
    public void replay(Visitor visitor) {
        local.replay(visitor);
    }

    @Override
    public Entry read(long position) {
        return local.read(position);
    }

    @Override
    public void sync() {
        local.sync();
    }

    @Override
    public void close() {
        lines.stop();
        local.close();
    }
}
