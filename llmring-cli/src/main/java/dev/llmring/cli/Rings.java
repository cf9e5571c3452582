package dev.llmring.cli;

import dev.llmring.LlmRing;
import dev.llmring.lockfile.Lockfile;

/**
 * The client a command calls models with: the lockfile and profile it chose, the command's environment (so
 * {@code OPENAI_BASE_URL}, {@code ANTHROPIC_BASE_URL}, {@code GEMINI_BASE_URL} and {@code OLLAMA_HOST} are honoured
 * by the providers), its clock, its provider factories, and its registry (--registry-url, --offline) to price and
 * check calls, or none when that registry cannot be built.
 */
final class Rings {
    private Rings() {}

    static LlmRing.Builder builder(Session session, Lockfile lock, String profile) {
        LlmRing.Builder builder = LlmRing.builder()
                .lockfile(lock)
                .profile(profile)
                .environment(session.context().environment)
                .clock(session.context().clock)
                .discoverProviders(false);
        session.context().factories.forEach(builder::provider);
        try {
            builder.registry(session.registry());
        } catch (CliFailure e) {
            builder.noRegistry();
        }
        return builder;
    }
}
