/**
 * Structured output machinery (not exported): JSON Schema generation from Java types, a validator for the schema
 * subset generated here, and binding of validated JSON to record instances (parsed with Jackson, bound by
 * reflection in this module so that user types need not be opened to Jackson). The public face is
 * {@code dev.llmring.StructuredOutput} and {@code dev.llmring.ResponseFormat.jsonSchema(Class)}.
 *
 * <p>Null policy: nothing here accepts or returns {@code null} unless marked {@code @Nullable}.
 */
@NullMarked
package dev.llmring.internal.schema;

import org.jspecify.annotations.NullMarked;
