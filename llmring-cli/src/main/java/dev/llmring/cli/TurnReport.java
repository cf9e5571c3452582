package dev.llmring.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmring.ChatResponse;
import dev.llmring.Cost;
import dev.llmring.RoutingTrace;
import dev.llmring.Usage;
import dev.llmring.lockfile.Profile;
import dev.llmring.registry.CostCalculator;
import dev.llmring.registry.Registry;
import java.util.Optional;

/**
 * What one chat turn cost and how it was served. The client prices a call itself when it has a registry; until the
 * client exposes that, the command prices it here from the same registry and the profile's pin.
 */
final class TurnReport {
    private final Session session;
    private final Profile profile;

    TurnReport(Session session, Profile profile) {
        this.session = session;
        this.profile = profile;
    }

    Cost cost(ChatResponse response) {
        Optional<Cost> fromClient = response.cost();
        if (fromClient.isPresent()) return fromClient.get();
        Registry registry;
        try {
            registry = session.registry();
        } catch (CliFailure e) {
            return Cost.unpriced(Cost.Status.REGISTRY_UNAVAILABLE, e.getMessage());
        }
        return CostCalculator.cost(
                registry,
                response.provider(),
                response.model(),
                profile.registryVersions().get(response.provider()),
                response.usage().orElse(null),
                CostCalculator.DEFAULT_CACHE_WRITE_TTL);
    }

    /** {@code [openai:gpt-5-nano] 12 in + 34 out tokens, $0.000021, 850 ms}, then the bindings passed over. */
    String summary(ChatResponse response) {
        StringBuilder line = new StringBuilder("[").append(response.binding()).append("] ");
        Usage usage = response.usage().orElse(null);
        line.append(
                usage == null
                        ? "tokens not reported"
                        : usage.inputTokens() + " in + " + usage.outputTokens() + " out tokens");
        Cost cost = cost(response);
        line.append(", ")
                .append(
                        cost.isPriced()
                                ? "$" + Cost.display(cost.total())
                                : "cost unknown (" + cost.status().name() + ")");
        line.append(", ").append(response.latency().toMillis()).append(" ms");
        for (RoutingTrace.Attempt a : response.trace().attempts()) {
            if (a.outcome() == RoutingTrace.Attempt.Outcome.SUCCEEDED) continue;
            line.append("\n  ")
                    .append(a.outcome().name().toLowerCase(java.util.Locale.ROOT))
                    .append(' ')
                    .append(a.binding())
                    .append(": ")
                    .append(Session.forCommandLine(a.reason().or(a::error).orElse("-")));
        }
        return line.toString();
    }

    /** One turn as JSON; field names are documented in docs/cli.md. */
    ObjectNode json(String alias, ChatResponse response) {
        ObjectNode node = session.object();
        node.put("alias", alias);
        node.put("profile", profile.name());
        node.put("binding", response.binding());
        node.put("text", response.text());
        node.put("finish_reason", response.finishReason().kind());
        ObjectNode usage = node.putObject("usage");
        response.usage().ifPresent(u -> usage.put("input_tokens", u.inputTokens())
                .put("output_tokens", u.outputTokens())
                .put("cached_input_tokens", u.cachedInputTokens())
                .put("cache_write_tokens", u.cacheWriteTokens())
                .put("reasoning_tokens", u.reasoningTokens()));
        Cost cost = cost(response);
        ObjectNode costNode = node.putObject("cost");
        costNode.put("status", cost.status().name());
        if (cost.isPriced()) costNode.put("total_usd", cost.total());
        else costNode.putNull("total_usd");
        node.put("latency_ms", response.latency().toMillis());
        if (response.requestId().isPresent())
            node.put("request_id", response.requestId().get());
        else node.putNull("request_id");
        var attempts = node.putArray("attempts");
        for (RoutingTrace.Attempt a : response.trace().attempts()) {
            ObjectNode at = attempts.addObject()
                    .put("binding", a.binding())
                    .put("outcome", a.outcome().name().toLowerCase(java.util.Locale.ROOT));
            at.put(
                    "detail",
                    a.reason().or(a::error).map(Session::forCommandLine).orElse(null));
        }
        return node;
    }
}
