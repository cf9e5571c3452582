package dev.llmring.providers.internal;

import dev.llmring.Message;
import dev.llmring.ReasoningPart;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which reasoning parts of a conversation an adapter sends back: only those its own provider produced. Another
 * provider's parts (after a failover) mean nothing to it and could make the request invalid, so they are left out,
 * and that is said once per request at DEBUG.
 */
public final class OwnReasoning {
    private static final Logger LOG = LoggerFactory.getLogger(OwnReasoning.class);

    private OwnReasoning() {}

    /** The parts of {@code message} that {@code provider} produced, in order. */
    public static List<ReasoningPart> of(Message message, String provider) {
        List<ReasoningPart> parts = message.reasoningParts();
        if (parts.isEmpty()) return parts;
        return parts.stream().filter(p -> p.provider().equals(provider)).toList();
    }

    /**
     * Says at DEBUG, once, when {@code messages} hold reasoning parts of providers other than {@code provider}.
     *
     * @param model the model the request is for, named in the message
     */
    public static void noteForeign(List<Message> messages, String provider, String model) {
        int foreign = 0; // a plain loop: this runs on every request, and most carry no reasoning parts
        for (Message message : messages) {
            for (ReasoningPart part : message.reasoningParts()) {
                if (!part.provider().equals(provider)) foreign++;
            }
        }
        if (foreign > 0) {
            LOG.debug(
                    "{} reasoning part(s) of other providers left out of the request to {}:{}",
                    foreign,
                    provider,
                    model);
        }
    }
}
