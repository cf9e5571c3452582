package dev.llmring.examples;

import dev.llmring.ChatRequest;
import dev.llmring.ChatResponse;
import dev.llmring.ChatStream;
import dev.llmring.LlmRing;
import dev.llmring.StreamEvent;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The main job: one alias, called end to end through the real stack (lockfile, router, adapter, HTTP), once as a
 * complete answer and once streamed.
 *
 * <p>With a provider key in the environment it calls the real provider on the {@code default} profile. With none it
 * runs offline on the {@code test} profile, whose pool starts with a scripted provider that is always overloaded
 * (HTTP 529) and continues with one that answers: the output shows the retries, the failover and the routing trace.
 * {@code LLMRING_PROFILE} overrides the choice.
 */
public final class QuickStart {
    static final List<String> KEY_VARIABLES =
            List.of("ANTHROPIC_API_KEY", "OPENAI_API_KEY", "GEMINI_API_KEY", "GOOGLE_API_KEY");

    private QuickStart() {}

    public static void main(String[] args) {
        run(System::getenv, System.out);
    }

    static void run(Function<String, @Nullable String> env, PrintStream out) {
        String profile = chooseProfile(env, out);
        ChatRequest request = ChatRequest.builder("summarizer")
                .system("Summarise the user's text in one sentence.")
                .user("llmring lets an application call models by alias; a committed lockfile maps each alias, per"
                        + " profile, to an ordered pool of provider:model bindings, tried in order with failover.")
                .maxOutputTokens(200)
                .build();

        LlmRing.Builder builder = LlmRing.builder().profile(profile).environment(env);
        if (profile.equals("test")) builder.noRegistry(); // offline: not even the price registry is fetched
        try (LlmRing ring = builder.build()) {
            out.println("== chat: alias 'summarizer', profile '" + ring.profile() + "'");
            ChatResponse response = ring.chat(request);
            out.println(response.text());
            report(response, out);

            out.println();
            out.println("== stream: the same request, streamed");
            try (ChatStream stream = ring.stream(request)) {
                for (StreamEvent event : stream) {
                    if (event instanceof StreamEvent.TextDelta delta) out.print(delta.text());
                }
                out.println();
                report(stream.response(), out);
            }
        }
    }

    /** {@code LLMRING_PROFILE} wins; else {@code default} when a provider key is set, else {@code test} (offline). */
    static String chooseProfile(Function<String, @Nullable String> env, PrintStream out) {
        String explicit = env.apply("LLMRING_PROFILE");
        if (explicit != null && !explicit.isBlank()) {
            out.println("Profile '" + explicit + "' from LLMRING_PROFILE.");
            return explicit;
        }
        List<String> present = KEY_VARIABLES.stream()
                .filter(v -> {
                    String value = env.apply(v);
                    return value != null && !value.isBlank();
                })
                .toList();
        if (present.isEmpty()) {
            out.println("No provider API key in the environment (" + String.join(", ", KEY_VARIABLES) + ").");
            out.println("Running OFFLINE on the 'test' profile: the scripted provider answers on a loopback server;"
                    + " nothing leaves this machine.");
            return "test";
        }
        out.println("Calling real providers (keys found in " + String.join(", ", present) + ").");
        return "default";
    }

    private static void report(ChatResponse response, PrintStream out) {
        out.println("-- served by " + response.binding() + " in "
                + response.latency().toMillis() + " ms"
                + response.timeToFirstEvent()
                        .map(t -> " (first event after " + t.toMillis() + " ms)")
                        .orElse(""));
        response.usage()
                .ifPresent(u -> out.println("-- tokens: " + u.inputTokens() + " in, " + u.outputTokens() + " out"));
        response.cost().ifPresent(c -> out.println("-- cost: " + c));
        out.println("-- routing trace: " + response.trace());
    }

    /** Exposed for the example's test: the environment as a map. */
    static Function<String, @Nullable String> environment(Map<String, String> map) {
        return map::get;
    }
}
