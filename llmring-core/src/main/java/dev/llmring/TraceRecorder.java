package dev.llmring;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Collects one call's skips and attempts, in order, into a {@link RoutingTrace}. Thread-safe. */
final class TraceRecorder {
    private final String alias;
    private final String profile;
    private final List<RoutingTrace.Attempt> attempts = new ArrayList<>();
    private final List<String> skipReasons = new ArrayList<>();
    /** Where the tries of the last binding encoded go; the map holds the others', made only on a failover. */
    private @Nullable Target lastTarget;

    private @Nullable URI lastEndpoint;
    private @Nullable Map<Target, URI> endpoints;

    TraceRecorder(String alias, String profile) {
        this.alias = alias;
        this.profile = profile;
    }

    synchronized void skipped(Target target, String reason) {
        attempts.add(new RoutingTrace.Attempt(
                target.toString(), 0, RoutingTrace.Attempt.Outcome.SKIPPED, null, 0, Duration.ZERO, reason));
        skipReasons.add(target + ": " + reason);
    }

    /** Where the tries of {@code target} go, for the attempts recorded from now on. */
    synchronized void endpoint(Target target, URI uri) {
        if (lastTarget != null && !lastTarget.equals(target)) {
            if (endpoints == null) endpoints = new HashMap<>();
            endpoints.put(lastTarget, lastEndpoint);
        }
        lastTarget = target;
        lastEndpoint = uri;
    }

    private @Nullable URI endpointOf(Target target) {
        if (target.equals(lastTarget)) return lastEndpoint;
        return endpoints == null ? null : endpoints.get(target);
    }

    synchronized RoutingTrace.Attempt failed(Target target, int number, LlmRingException error, Duration duration) {
        RoutingTrace.Attempt a = new RoutingTrace.Attempt(
                target.toString(),
                number,
                RoutingTrace.Attempt.Outcome.FAILED,
                error.getClass().getSimpleName(),
                error.status(),
                duration,
                error.getMessage(),
                endpointOf(target));
        attempts.add(a);
        return a;
    }

    synchronized RoutingTrace.Attempt succeeded(Target target, int number, Duration duration) {
        RoutingTrace.Attempt a = new RoutingTrace.Attempt(
                target.toString(),
                number,
                RoutingTrace.Attempt.Outcome.SUCCEEDED,
                null,
                0,
                duration,
                null,
                endpointOf(target));
        attempts.add(a);
        return a;
    }

    /** One line per skipped binding: {@code provider:model: why}. */
    synchronized List<String> skipReasons() {
        return List.copyOf(skipReasons);
    }

    synchronized RoutingTrace build(@Nullable Target servedBy) {
        return new RoutingTrace(alias, profile, attempts, servedBy == null ? null : servedBy.toString());
    }
}
