package dev.llmring.opentelemetry;

import io.opentelemetry.api.common.AttributeKey;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The attribute keys and values of the OpenTelemetry GenAI semantic conventions this module emits (client
 * inference spans and metrics, with {@code gen_ai.provider.name}, never the deprecated {@code gen_ai.system}), and
 * llmring's own {@code llmring.*} keys.
 */
final class GenAi {
    static final String CHAT = "chat";

    static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("gen_ai.operation.name");
    static final AttributeKey<String> PROVIDER_NAME = AttributeKey.stringKey("gen_ai.provider.name");
    static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    static final AttributeKey<Double> REQUEST_TEMPERATURE = AttributeKey.doubleKey("gen_ai.request.temperature");
    static final AttributeKey<Long> REQUEST_MAX_TOKENS = AttributeKey.longKey("gen_ai.request.max_tokens");
    static final AttributeKey<List<String>> REQUEST_STOP_SEQUENCES =
            AttributeKey.stringArrayKey("gen_ai.request.stop_sequences");
    static final AttributeKey<Long> REQUEST_SEED = AttributeKey.longKey("gen_ai.request.seed");
    static final AttributeKey<String> RESPONSE_ID = AttributeKey.stringKey("gen_ai.response.id");
    static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
    static final AttributeKey<List<String>> RESPONSE_FINISH_REASONS =
            AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");
    static final AttributeKey<Double> RESPONSE_TIME_TO_FIRST_CHUNK =
            AttributeKey.doubleKey("gen_ai.response.time_to_first_chunk");
    static final AttributeKey<Long> USAGE_INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    static final AttributeKey<Long> USAGE_OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    static final AttributeKey<Long> USAGE_CACHE_READ_INPUT_TOKENS =
            AttributeKey.longKey("gen_ai.usage.cache_read.input_tokens");
    static final AttributeKey<Long> USAGE_CACHE_CREATION_INPUT_TOKENS =
            AttributeKey.longKey("gen_ai.usage.cache_creation.input_tokens");
    static final AttributeKey<Long> USAGE_REASONING_OUTPUT_TOKENS =
            AttributeKey.longKey("gen_ai.usage.reasoning.output_tokens");
    static final AttributeKey<String> TOKEN_TYPE = AttributeKey.stringKey("gen_ai.token.type");
    static final AttributeKey<String> INPUT_MESSAGES = AttributeKey.stringKey("gen_ai.input.messages");
    static final AttributeKey<String> OUTPUT_MESSAGES = AttributeKey.stringKey("gen_ai.output.messages");
    static final AttributeKey<String> SYSTEM_INSTRUCTIONS = AttributeKey.stringKey("gen_ai.system_instructions");

    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");

    static final AttributeKey<String> ALIAS = AttributeKey.stringKey("llmring.alias");
    static final AttributeKey<String> PROFILE = AttributeKey.stringKey("llmring.profile");
    static final AttributeKey<String> TAG = AttributeKey.stringKey("llmring.tag");
    static final AttributeKey<Boolean> STREAM = AttributeKey.booleanKey("llmring.stream");
    static final AttributeKey<String> LOCKFILE_DIGEST = AttributeKey.stringKey("llmring.lockfile.digest");
    static final AttributeKey<Long> REGISTRY_VERSION = AttributeKey.longKey("llmring.registry.version");
    static final AttributeKey<Double> COST_USD = AttributeKey.doubleKey("llmring.cost.usd");
    static final AttributeKey<String> COST_STATUS = AttributeKey.stringKey("llmring.cost.status");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("llmring.outcome");
    static final AttributeKey<Long> ATTEMPTS = AttributeKey.longKey("llmring.attempts");
    static final AttributeKey<String> BINDING = AttributeKey.stringKey("llmring.binding");
    static final AttributeKey<Long> ATTEMPT_NUMBER = AttributeKey.longKey("llmring.attempt.number");
    static final AttributeKey<String> SKIP_REASON = AttributeKey.stringKey("llmring.skip.reason");
    static final AttributeKey<Double> WAIT_DURATION = AttributeKey.doubleKey("llmring.wait.duration");
    static final AttributeKey<String> WAIT_REASON = AttributeKey.stringKey("llmring.wait.reason");

    /** {@code error.type} of a call the caller cancelled (no exception reaches the caller's code). */
    static final String CANCELLED = "cancelled";

    private GenAi() {}

    /**
     * The conventions' {@code gen_ai.provider.name} for an llmring provider: {@code google} (the Gemini API at
     * generativelanguage.googleapis.com) is {@code gcp.gemini}; {@code openai}, {@code anthropic} and any other name
     * (an OpenAI-compatible provider named {@code groq}, {@code deepseek} …, and {@code ollama}) stay as they are.
     */
    static String providerName(String provider) {
        return provider.equals("google") ? "gcp.gemini" : provider;
    }

    /** The provider part of {@code provider:model}. */
    static String provider(String binding) {
        int colon = binding.indexOf(':');
        return colon < 0 ? binding : binding.substring(0, colon);
    }

    /** The model part of {@code provider:model}. */
    static String model(String binding) {
        int colon = binding.indexOf(':');
        return colon < 0 ? binding : binding.substring(colon + 1);
    }

    /** The host of an endpoint as {@code server.address} has it (no brackets around IPv6). */
    static @Nullable String address(URI endpoint) {
        String host = endpoint.getHost();
        if (host == null) return null;
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** The port of an endpoint, the scheme's default when the URL names none. */
    static long port(URI endpoint) {
        if (endpoint.getPort() > 0) return endpoint.getPort();
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("http") ? 80 : 443;
    }

    /** A duration in seconds, the conventions' unit. */
    static double seconds(java.time.Duration d) {
        return d.toNanos() / 1e9;
    }
}
