package dev.llmring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listener that writes one JSON object per finished call, on one line, at INFO through the SLF4J logger
 * {@value #LOGGER}: who called what, when, how it went and what it cost. It never writes a prompt, an answer or an
 * error message (which may quote either), only the fields below, and the one string that comes from the provider
 * (the request id) has every configured key redacted. A field that is not known is {@code null}.
 *
 * <pre>{@code
 * LlmRing ring = LlmRing.builder().listener(AuditLog.create()).build();
 * }</pre>
 *
 * <table>
 *   <caption>Fields</caption>
 *   <tr><th>field</th><th>value</th></tr>
 *   <tr><td>{@code timestamp}</td><td>when the call started, ISO-8601 UTC</td></tr>
 *   <tr><td>{@code call_id}</td><td>the call's id, unique within the client</td></tr>
 *   <tr><td>{@code alias}</td><td>the model string as the application gave it</td></tr>
 *   <tr><td>{@code profile}</td><td>the lockfile profile</td></tr>
 *   <tr><td>{@code tag}</td><td>{@link ChatRequest#tag()}</td></tr>
 *   <tr><td>{@code streaming}</td><td>whether it was a stream</td></tr>
 *   <tr><td>{@code provider}, {@code model}</td><td>the binding that served, or for a failure the last one tried</td></tr>
 *   <tr><td>{@code outcome}</td><td>{@code success}, {@code error} or {@code cancelled}</td></tr>
 *   <tr><td>{@code error_type}</td><td>the exception's simple class name, e.g. {@code RateLimitException}</td></tr>
 *   <tr><td>{@code http_status}</td><td>the failure's HTTP status, when there was one</td></tr>
 *   <tr><td>{@code duration_ms}</td><td>from the call to its end, retries and failovers included</td></tr>
 *   <tr><td>{@code time_to_first_token_ms}</td><td>streams: from the call to the first event</td></tr>
 *   <tr><td>{@code input_tokens} … {@code reasoning_tokens}</td><td>{@link Usage}: {@code input_tokens},
 *       {@code output_tokens}, {@code cached_input_tokens}, {@code cache_write_tokens}, {@code reasoning_tokens}</td></tr>
 *   <tr><td>{@code cost_usd}</td><td>the total in US dollars, a decimal string, when priced</td></tr>
 *   <tr><td>{@code cost_status}</td><td>{@link Cost.Status#name()}, when cost accounting ran</td></tr>
 *   <tr><td>{@code request_id}</td><td>the provider's request id</td></tr>
 *   <tr><td>{@code attempts}</td><td>tries sent (retries and failovers included; skips not counted)</td></tr>
 *   <tr><td>{@code lockfile_digest}</td><td>the lockfile's digest</td></tr>
 * </table>
 */
public final class AuditLog implements LlmRingListener {
    /** The SLF4J logger the lines go to. */
    public static final String LOGGER = "llmring.audit";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private final Clock clock;
    /** By the call itself: ids repeat across independently built clients that share this listener. */
    private final Map<Call, Duration> firstEvents = new ConcurrentHashMap<>();

    private AuditLog(Clock clock) {
        this.clock = clock;
    }

    /** {@return an audit log timing calls by the system clock (UTC)} */
    public static AuditLog create() {
        return new AuditLog(Clock.systemUTC());
    }

    /**
     * An audit log timing failed and cancelled calls by {@code clock}: pass the client's clock when it is not the
     * system's ({@link LlmRing.Builder#clock}), so that durations are measured on the clock calls started on.
     *
     * @param clock the clock calls are timed by
     * @return the audit log
     */
    public static AuditLog create(Clock clock) {
        return new AuditLog(Objects.requireNonNull(clock, "clock"));
    }

    @Override
    public void firstEvent(Call call, Duration sinceStart) {
        firstEvents.put(call, sinceStart);
    }

    @Override
    public void callEnd(Call call, ChatResponse response) {
        firstEvents.remove(call);
        ObjectNode line = start(call, "success");
        line.put("provider", response.provider());
        line.put("model", response.model());
        line.putNull("error_type");
        line.putNull("http_status");
        line.put("duration_ms", response.latency().toMillis());
        putMillis(line, "time_to_first_token_ms", response.timeToFirstEvent().orElse(null));
        Usage u = response.usage().orElse(null);
        putCount(line, "input_tokens", u == null ? null : u.inputTokens());
        putCount(line, "output_tokens", u == null ? null : u.outputTokens());
        putCount(line, "cached_input_tokens", u == null ? null : u.cachedInputTokens());
        putCount(line, "cache_write_tokens", u == null ? null : u.cacheWriteTokens());
        putCount(line, "reasoning_tokens", u == null ? null : u.reasoningTokens());
        Cost cost = response.cost().orElse(null);
        line.put("cost_usd", cost != null && cost.isPriced() ? cost.total().toPlainString() : null);
        line.put("cost_status", cost == null ? null : cost.status().name());
        line.put("request_id", response.requestId().map(call::redact).orElse(null));
        line.put("attempts", tries(response.trace()));
        end(call, line);
    }

    @Override
    public void callFailed(Call call, LlmRingException error) {
        ObjectNode line = start(call, "error");
        RoutingTrace trace = error.trace().orElse(null);
        RoutingTrace.Attempt last = trace == null ? null : lastTry(trace);
        Target binding = last == null ? null : Target.parse(last.binding());
        line.put(
                "provider",
                binding != null ? binding.provider() : error.provider().orElse(null));
        line.put("model", binding != null ? binding.model() : error.model().orElse(null));
        line.put("error_type", error.getClass().getSimpleName());
        putCount(line, "http_status", error.status() == 0 ? null : (long) error.status());
        unfinished(call, line);
        line.put("request_id", error.requestId().map(call::redact).orElse(null));
        line.put("attempts", trace == null ? 0 : tries(trace));
        end(call, line);
    }

    @Override
    public void callCancelled(Call call) {
        ObjectNode line = start(call, "cancelled");
        line.putNull("provider");
        line.putNull("model");
        line.putNull("error_type");
        line.putNull("http_status");
        unfinished(call, line);
        line.putNull("request_id");
        line.putNull("attempts");
        end(call, line);
    }

    private static ObjectNode start(Call call, String outcome) {
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.put("timestamp", call.startedAt().toString());
        line.put("call_id", call.id());
        line.put("alias", call.request().model());
        line.put("profile", call.profile());
        line.put("tag", call.request().tag().orElse(null));
        line.put("streaming", call.streaming());
        line.put("outcome", outcome);
        return line;
    }

    /** Duration and first-token time of a call that ended without a response; no usage, no cost. */
    private void unfinished(Call call, ObjectNode line) {
        Duration took = Duration.between(call.startedAt(), clock.instant());
        line.put("duration_ms", took.isNegative() ? 0 : took.toMillis());
        putMillis(line, "time_to_first_token_ms", firstEvents.remove(call));
        for (String f : new String[] {
            "input_tokens", "output_tokens", "cached_input_tokens", "cache_write_tokens", "reasoning_tokens"
        }) {
            line.putNull(f);
        }
        line.putNull("cost_usd");
        line.putNull("cost_status");
    }

    private static void end(Call call, ObjectNode line) {
        line.put("lockfile_digest", call.lockfileDigest().orElse(null));
        if (!LOG.isInfoEnabled()) return;
        try {
            LOG.info("{}", Json.MAPPER.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an audit line", e);
        }
    }

    private static void putMillis(ObjectNode line, String field, @Nullable Duration d) {
        if (d == null) line.putNull(field);
        else line.put(field, d.toMillis());
    }

    private static void putCount(ObjectNode line, String field, @Nullable Long n) {
        if (n == null) line.putNull(field);
        else line.put(field, n.longValue());
    }

    private static int tries(RoutingTrace trace) {
        int n = 0;
        for (RoutingTrace.Attempt a : trace.attempts()) {
            if (a.outcome() != RoutingTrace.Attempt.Outcome.SKIPPED) n++;
        }
        return n;
    }

    private static RoutingTrace.@Nullable Attempt lastTry(RoutingTrace trace) {
        RoutingTrace.Attempt last = null;
        for (RoutingTrace.Attempt a : trace.attempts()) {
            if (a.outcome() != RoutingTrace.Attempt.Outcome.SKIPPED) last = a;
        }
        return last;
    }
}
