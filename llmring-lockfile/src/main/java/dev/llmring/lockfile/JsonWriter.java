package dev.llmring.lockfile;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Writes the lockfile as JSON, indented by two spaces like Python's {@code json.dump(indent=2)}. */
final class JsonWriter {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonWriter() {}

    static String write(LockfileContent c) {
        StringWriter text = new StringWriter();
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("")
                        .withArrayEmptySeparator(""))
                .withObjectIndenter(indenter);
        pretty.indentArraysWith(indenter);
        try (JsonGenerator g = FACTORY.createGenerator(text)) {
            g.setPrettyPrinter(pretty);
            g.writeStartObject();
            g.writeStringField("version", c.version());
            if (c.createdAt() != null) {
                g.writeStringField("created_at", c.createdAt().text());
            }
            if (c.updatedAt() != null) {
                g.writeStringField("updated_at", c.updatedAt().text());
            }
            g.writeStringField("default_profile", c.defaultProfile());
            g.writeFieldName("metadata");
            value(g, c.metadata());
            if (!c.extendsPackages().isEmpty()) {
                g.writeObjectFieldStart("extends");
                g.writeFieldName("packages");
                value(g, c.extendsPackages());
                g.writeEndObject();
            }
            g.writeObjectFieldStart("profiles");
            for (Profile profile : c.profiles().values()) {
                profile(g, profile);
            }
            g.writeEndObject();
            members(g, c.extra());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return text.append('\n').toString();
    }

    private static void profile(JsonGenerator g, Profile profile) throws IOException {
        g.writeObjectFieldStart(profile.name());
        g.writeStringField("name", profile.name());
        g.writeArrayFieldStart("bindings");
        for (Binding binding : profile.bindings()) {
            g.writeStartObject();
            g.writeStringField("alias", binding.alias());
            g.writeArrayFieldStart("models");
            for (ModelRef ref : binding.models()) {
                g.writeString(ref.toString());
            }
            g.writeEndArray();
            if (!binding.constraints().isEmpty()) {
                g.writeFieldName("constraints");
                value(g, binding.constraints());
            }
            members(g, binding.extra());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeObjectFieldStart("registry_versions");
        for (Map.Entry<String, Integer> e : profile.registryVersions().entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        members(g, profile.extra());
        g.writeEndObject();
    }

    private static void members(JsonGenerator g, Map<String, Object> members) throws IOException {
        for (Map.Entry<String, Object> e : members.entrySet()) {
            g.writeFieldName(e.getKey());
            value(g, e.getValue());
        }
    }

    private static void value(JsonGenerator g, Object value) throws IOException {
        if (value instanceof String) {
            g.writeString((String) value);
        } else if (value instanceof Long) {
            g.writeNumber((Long) value);
        } else if (value instanceof Double) {
            g.writeNumber((Double) value);
        } else if (value instanceof Boolean) {
            g.writeBoolean((Boolean) value);
        } else if (value instanceof Map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                g.writeFieldName((String) e.getKey());
                value(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof List) {
            g.writeStartArray();
            for (Object element : (List<?>) value) {
                value(g, element);
            }
            g.writeEndArray();
        } else {
            g.writeString(TomlText.temporal(value));
        }
    }
}
