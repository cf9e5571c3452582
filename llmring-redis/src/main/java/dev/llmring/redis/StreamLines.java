package dev.llmring.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmring.batch.LineSource;
import io.lettuce.core.Consumer;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XClaimArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.models.stream.PendingMessages;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * One worker's lines of a {@link RedisBatchJob}: a consumer of the job's group, on a connection of its own (a blocking
 * read must not hold up the acknowledgements). Remembers which stream entry each line it handed out came from, until
 * the journal acknowledges it.
 */
final class StreamLines implements LineSource {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Lines are fetched one at a time, when the runner is ready to send one: a line fetched and left waiting would
     * look idle to other workers and be taken over.
     */
    private static final int BATCH = 1;

    final RedisBatchJob owner;
    private final Consumer<String> consumer;
    private final AtomicBoolean opened = new AtomicBoolean();
    private final Map<Long, String> entries = new ConcurrentHashMap<>();
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "llmring-batch-heartbeat");
        t.setDaemon(true);
        return t;
    });

    StreamLines(RedisBatchJob owner, String consumer) {
        this.owner = owner;
        this.consumer = Consumer.from(RedisBatchJob.GROUP, consumer);
    }

    /** The {@code custom_id} of a JSONL line, or null when it has none (or is not JSON). */
    static @Nullable String customId(String text) {
        try {
            JsonNode id = JSON.readTree(text).path("custom_id");
            return id.isTextual() && !id.asText().isBlank() ? id.asText() : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The stream entry line {@code line} (as handed out, from 1) came from, or null. */
    @Nullable
    String entry(long line) {
        return entries.get(line);
    }

    /** Forgets line {@code line}: it is acknowledged. */
    void release(long line) {
        String id = entries.remove(line);
        if (id != null) held.remove(id);
    }

    /**
     * Every third of the visibility timeout, claims again ({@code XCLAIM JUSTID}, which resets their idle time) the
     * lines this worker still holds, so that only a worker that stopped beating loses its lines, however long a
     * request takes.
     */
    private void beat() {
        String[] ids = held.toArray(String[]::new);
        if (ids.length == 0) return;
        try {
            owner.connection.sync().xclaim(owner.stream, consumer, XClaimArgs.Builder.justid(), ids);
        } catch (RuntimeException e) {
            // Redis unreachable: the lines may be taken over, and are then recorded once by whoever finishes first
        }
    }

    /** Stops the heartbeat: lines still held are taken over by another worker after the visibility timeout. */
    void stop() {
        heartbeat.shutdownNow();
    }

    @Override
    public Lines open() {
        if (!opened.compareAndSet(false, true)) throw new IllegalStateException(name() + " is read once");
        long period = Math.max(1, owner.visibility.toMillis() / 3);
        heartbeat.scheduleAtFixedRate(this::beat, period, period, TimeUnit.MILLISECONDS);
        StatefulRedisConnection<String, String> connection = owner.client.connect(StringCodec.UTF8);
        RedisCommands<String, String> redis = connection.sync();
        return new Lines() {
            private final ArrayDeque<StreamMessage<String, String>> buffer = new ArrayDeque<>();
            private long n;

            @Override
            public @Nullable String next() {
                while (true) {
                    StreamMessage<String, String> m = buffer.poll();
                    if (m != null) {
                        String text = take(redis, m);
                        if (text != null) return text;
                        continue;
                    }
                    buffer.addAll(redis.xautoclaim(
                                    owner.stream,
                                    XAutoClaimArgs.Builder.xautoclaim(consumer, owner.visibility, "0-0")
                                            .count(BATCH))
                            .getMessages());
                    if (!buffer.isEmpty()) continue;
                    @SuppressWarnings("unchecked") // one stream: Lettuce takes offsets as varargs
                    List<StreamMessage<String, String>> fresh = redis.xreadgroup(
                            consumer,
                            XReadArgs.Builder.count(BATCH).block(owner.poll),
                            XReadArgs.StreamOffset.lastConsumed(owner.stream));
                    buffer.addAll(fresh);
                    if (!buffer.isEmpty()) continue;
                    PendingMessages pending = redis.xpending(owner.stream, RedisBatchJob.GROUP);
                    long mine = pending.getConsumerMessageCount().getOrDefault(consumer.getName(), 0L);
                    if (pending.getCount() - mine <= 0) return null; // no other worker holds a line
                }
            }

            /** The line of {@code m} to send, or null when it is recorded already or this worker holds it. */
            private @Nullable String take(RedisCommands<String, String> redis, StreamMessage<String, String> m) {
                if (held.contains(m.getId())) return null; // in flight here, taken back from ourselves
                String text = m.getBody().get("line");
                String id = m.getBody().get("id");
                if (text == null || (id != null && redis.hexists(owner.done, id))) {
                    redis.xack(owner.stream, RedisBatchJob.GROUP, m.getId());
                    return null;
                }
                held.add(m.getId());
                entries.put(++n, m.getId());
                return text;
            }

            @Override
            public void close() {
                connection.close();
            }
        };
    }

    @Override
    public String name() {
        return "redis job " + owner.job();
    }

    @Override
    public boolean replayable() {
        return false;
    }
}
