package dev.llmring.providers.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmring.ErrorDetails;
import dev.llmring.InvalidRequestException;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * How {@code ChatRequest.providerOptions(provider)} reaches a request body, the same for every adapter: each option
 * becomes a top-level field, and an option is <em>refused</em> (never ignored, never silently applied) when it names
 * a field the adapter owns or one the encoded request already set. Options naming a {@linkplain #mergingInto nested
 * object} (Gemini's {@code generationConfig}, Ollama's {@code options}) are merged into it key by key, under the same
 * rule. One immutable instance per encoder, as a constant.
 */
public final class ProviderOptions {
    private final Set<String> owned;
    private final Set<String> nested;

    private ProviderOptions(Set<String> owned, Set<String> nested) {
        this.owned = owned;
        this.nested = nested;
    }

    /**
     * A policy refusing options that name one of {@code owned}.
     *
     * @param owned the top-level fields the adapter sets itself
     * @return the policy
     */
    public static ProviderOptions owning(String... owned) {
        return new ProviderOptions(Set.of(owned), Set.of());
    }

    /**
     * This policy, also merging options that name one of {@code objects} into the object the request built.
     *
     * @param objects top-level fields holding objects that options may add keys to
     * @return a new policy; this one is unchanged
     */
    public ProviderOptions mergingInto(String... objects) {
        return new ProviderOptions(owned, Set.of(objects));
    }

    /**
     * Whether {@code key} names a field the adapter owns.
     *
     * @param key an option's name
     * @return {@code true} when options may not set it
     */
    public boolean owns(String key) {
        return owned.contains(key);
    }

    /**
     * Adds {@code options} to {@code body}, in the map's order.
     *
     * @param body the encoded request body, changed in place
     * @param options the request's options for this provider
     * @param provider the provider name, for error messages
     * @param model the model, for error messages
     * @throws InvalidRequestException naming the key and the provider when an option names an owned field, a field
     *     {@code body} already holds (or a key of a merged object it already holds), or is not a JSON value
     */
    public void merge(ObjectNode body, Map<String, @Nullable Object> options, String provider, String model) {
        for (Map.Entry<String, @Nullable Object> option : options.entrySet()) {
            String key = option.getKey();
            if (owned.contains(key)) {
                throw invalid(key, provider, model, "is a field the adapter owns; use the ChatRequest API instead");
            }
            JsonNode value = value(key, option.getValue(), provider, model);
            JsonNode present = body.get(key);
            if (present == null) {
                body.set(key, value);
            } else if (nested.contains(key) && present.isObject() && value.isObject()) {
                mergeObject(key, (ObjectNode) present, value, provider, model);
            } else {
                throw conflict(key, provider, model);
            }
        }
    }

    /**
     * Writes {@code options} as fields of the object {@code json} is writing, in the map's order: the streaming
     * counterpart of {@link #merge}, for an encoder that writes its body straight to bytes. Nested merging is the
     * encoder's own (it writes the nested object once, see {@link #nested}).
     *
     * @param json the generator, inside the body's top-level object
     * @param options the request's options for this provider
     * @param present whether the encoded request already wrote a top-level field
     * @param provider the provider name, for messages
     * @param model the model, for messages
     * @throws InvalidRequestException naming the key and the provider when an option names an owned field, a field
     *     the request already wrote, or is not a JSON value
     * @throws IOException as the generator's own failure
     */
    public void write(
            JsonGenerator json,
            Map<String, @Nullable Object> options,
            Predicate<String> present,
            String provider,
            String model)
            throws IOException {
        for (Map.Entry<String, @Nullable Object> option : options.entrySet()) {
            String key = option.getKey();
            if (owned.contains(key)) {
                throw invalid(key, provider, model, "is a field the adapter owns; use the ChatRequest API instead");
            }
            JsonNode value = value(key, option.getValue(), provider, model);
            if (present.test(key)) throw conflict(key, provider, model);
            json.writeFieldName(key);
            ProviderJson.mapper().writeTree(json, value);
        }
    }

    /**
     * Checks that the keys of {@code option}, an option merged into the request's nested object {@code key}, are
     * none of that object's {@code present} keys, and gives the option as an object to write after them.
     *
     * @param key the nested object's name, e.g. {@code options}
     * @param option the provider option's value
     * @param present whether the request's own object holds a key
     * @param provider the provider name, for messages
     * @param model the model, for messages
     * @return the option as a JSON object
     * @throws InvalidRequestException naming the key and the provider when the option is not an object, not a JSON
     *     value, or repeats a key of the object
     */
    public JsonNode nested(
            String key, @Nullable Object option, Predicate<String> present, String provider, String model) {
        JsonNode value = value(key, option, provider, model);
        if (!value.isObject()) throw conflict(key, provider, model);
        for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (present.test(name)) throw conflict(key + "." + name, provider, model);
        }
        return value;
    }

    private static void mergeObject(String key, ObjectNode into, JsonNode from, String provider, String model) {
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (into.has(field.getKey())) throw conflict(key + "." + field.getKey(), provider, model);
            into.set(field.getKey(), field.getValue());
        }
    }

    /**
     * One option's value as a JSON tree ({@code null} as JSON null).
     *
     * @param key the option's name, for error messages
     * @param value the option's value (strings, numbers, booleans, lists and maps), or null
     * @param provider the provider name, for error messages
     * @param model the model, for error messages
     * @return the JSON tree
     * @throws InvalidRequestException naming the key and the provider when the value cannot be written as JSON
     */
    public static JsonNode value(String key, @Nullable Object value, String provider, String model) {
        if (value == null) return ProviderJson.mapper().getNodeFactory().nullNode();
        try {
            return ProviderJson.mapper().valueToTree(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(
                    "provider option '" + key + "' for " + provider + " is not a JSON value",
                    ErrorDetails.of(provider, model),
                    e);
        }
    }

    private static InvalidRequestException conflict(String key, String provider, String model) {
        return invalid(key, provider, model, "conflicts with the value the request already sets");
    }

    private static InvalidRequestException invalid(String key, String provider, String model, String problem) {
        return new InvalidRequestException(
                "provider option '" + key + "' for " + provider + " " + problem, ErrorDetails.of(provider, model));
    }
}
