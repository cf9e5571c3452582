package dev.llmring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The API package's own small JSON needs (tool arguments, schemas). Package-private: Jackson stays inside. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final TypeReference<LinkedHashMap<String, @Nullable Object>> MAP = new TypeReference<>() {};

    private Json() {}

    /** Parses a JSON object; a non-object or malformed text is an {@link IllegalArgumentException} naming {@code what}. */
    static Map<String, @Nullable Object> parseObject(String json, String what) {
        try {
            LinkedHashMap<String, @Nullable Object> map = MAPPER.readValue(json, MAP);
            if (map == null) throw new IllegalArgumentException(what + " must be a JSON object, was null");
            return Collections.unmodifiableMap(map);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " is not a JSON object: " + e.getOriginalMessage(), null);
        }
    }

    /** Checks that {@code json} is a JSON object and returns it unchanged. */
    static String requireObject(String json, String what) {
        parseObject(json, what);
        return json;
    }
}
