package dev.llmring.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmring.ChatRequest;
import dev.llmring.ChatResponse;
import dev.llmring.ChatStream;
import dev.llmring.LlmRing;
import dev.llmring.LlmRingException;
import dev.llmring.Message;
import dev.llmring.StreamEvent;
import dev.llmring.lockfile.Lockfile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code llmring chat ALIAS [PROMPT]}: one turn, or a conversation read from standard input. */
@Command(
        name = "chat",
        mixinStandardHelpOptions = true,
        description = {
            "Talk to a model by alias.",
            "With PROMPT, one turn; without, a conversation: each line of standard input is a user message, until"
                    + " the end of input or a line /exit. The answer streams to stdout; then the serving binding,"
                    + " tokens, cost and latency are printed to stderr. With --json, each turn prints one JSON"
                    + " object on one line instead (not streamed).",
            "Exit status 1 when a turn fails."
        })
final class ChatCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ALIAS", description = "An alias, package:alias or provider:model.")
    String alias = "";

    @Parameters(index = "1", arity = "0..1", paramLabel = "PROMPT", description = "The message (default: read stdin).")
    @Nullable
    String prompt;

    @Option(
            names = "--profile",
            paramLabel = "PROFILE",
            description = "The profile (default: LLMRING_PROFILE, else the lockfile's default_profile).")
    @Nullable
    String profile;

    @Option(names = "--system", paramLabel = "TEXT", description = "A system message for the conversation.")
    @Nullable
    String system;

    @Option(names = "--max-output-tokens", paramLabel = "N", description = "Cap the answer's length in tokens.")
    @Nullable
    Integer maxOutputTokens;

    @Option(names = "--temperature", paramLabel = "T", description = "Sampling temperature (0 to 2).")
    @Nullable
    Double temperature;

    private final Session session;

    ChatCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        Lockfile lock = session.lockfileFor(alias);
        String profileName = session.profile(lock, profile).name();
        TurnReport reporter = new TurnReport(session, lock.profile(profileName));
        LlmRing.Builder builder = LlmRing.builder()
                .lockfile(lock)
                .profile(profileName)
                .environment(session.environment())
                .clock(session.context().clock)
                .discoverProviders(false);
        session.factories().forEach(builder::provider);
        try {
            builder.registry(
                    session.registry()); // the command's registry (--registry-url, --offline) prices and checks
        } catch (CliFailure e) {
            builder.noRegistry();
        }
        try (LlmRing ring = builder.build()) {
            List<Message> history = new ArrayList<>();
            if (system != null) history.add(Message.system(system));
            if (prompt != null) {
                turn(ring, history, prompt, reporter);
                return ExitCodes.OK;
            }
            return conversation(ring, history, reporter);
        }
    }

    private int conversation(LlmRing ring, List<Message> history, TurnReport reporter) {
        BufferedReader in = new BufferedReader(new InputStreamReader(session.context().in, StandardCharsets.UTF_8));
        int status = ExitCodes.OK;
        while (true) {
            if (session.context().terminal) {
                session.err().print("> ");
                session.err().flush();
            }
            String line;
            try {
                line = in.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (line == null || line.strip().equals("/exit")) return status;
            if (line.isBlank()) continue;
            try {
                turn(ring, history, line, reporter);
            } catch (LlmRingException e) {
                String message = Session.forCommandLine(String.valueOf(e.getMessage()));
                session.err().println("llmring: " + message);
                session.err().flush();
                status = ExitCodes.FINDING;
                if (session.json()) ErrorJson.print(session.out(), ErrorJson.type(e), message, status, e);
            }
        }
    }

    /** Sends one user message with the history; on success both it and the answer join the history. */
    private void turn(LlmRing ring, List<Message> history, String text, TurnReport reporter) {
        ChatRequest.Builder request =
                ChatRequest.builder(alias).messages(history).user(text);
        if (maxOutputTokens != null) request.maxOutputTokens(maxOutputTokens);
        if (temperature != null) request.temperature(temperature);
        ChatResponse response;
        if (session.json()) {
            response = ring.chat(request.build());
        } else {
            try (ChatStream stream = ring.stream(request.build())) {
                for (StreamEvent event : stream) {
                    if (event instanceof StreamEvent.TextDelta delta) {
                        session.out().print(delta.text());
                        session.out().flush();
                    }
                }
                response = stream.response();
            }
            session.out().println();
            session.out().flush();
        }
        history.add(Message.user(text));
        history.add(Message.assistant(response));
        if (session.json()) {
            ObjectNode node = reporter.json(alias, response);
            session.out().println(node.toString());
            session.out().flush();
        } else {
            session.err().println(reporter.summary(response));
            session.err().flush();
        }
    }
}
