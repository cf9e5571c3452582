package dev.llmring.providers.google;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmring.providers.internal.ProviderJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeminiSchemaTranslatorTest {

    private static JsonNode json(String text) {
        return ProviderJson.tryParse(text.replace('\'', '"'));
    }

    private static GeminiSchemaTranslator.Result translate(String schema) {
        return GeminiSchemaTranslator.translate(json(schema));
    }

    private static JsonNode ok(String schema) {
        GeminiSchemaTranslator.Result result = translate(schema);
        assertEquals(List.of(), result.problems());
        return result.schema();
    }

    @Test
    void objectPropertiesRequiredAndItemsTranslateWithUpperCaseTypes() {
        JsonNode out = ok("{'type':'object','properties':{'name':{'type':'string','description':'full name'},"
                + "'tags':{'type':'array','items':{'type':'string'},'minItems':1}},'required':['name']}");

        assertEquals(
                json("{'type':'OBJECT','properties':{'name':{'type':'STRING','description':'full name'},"
                        + "'tags':{'type':'ARRAY','minItems':1,'items':{'type':'STRING'}}},"
                        + "'propertyOrdering':['name','tags'],'required':['name']}"),
                out);
    }

    @Test
    void typeArrayWithNullBecomesNullable() {
        assertEquals(json("{'type':'INTEGER','nullable':true}"), ok("{'type':['integer','null']}"));
    }

    @Test
    void anyOfOneSchemaAndNullBecomesNullable() {
        assertEquals(
                json("{'type':'STRING','nullable':true,'description':'d'}"),
                ok("{'anyOf':[{'type':'string'},{'type':'null'}],'description':'d'}"));
    }

    @Test
    void anyOfSeveralSchemasStaysAnyOf() {
        assertEquals(
                json("{'anyOf':[{'type':'STRING'},{'type':'NUMBER'}]}"),
                ok("{'anyOf':[{'type':'string'},{'type':'number'}]}"));
    }

    @Test
    void stringEnumKeepsItsValuesAndNullMakesItNullable() {
        assertEquals(
                json("{'type':'STRING','nullable':true,'format':'enum','enum':['red','green']}"),
                ok("{'type':'string','enum':['red','green',null]}"));
    }

    @Test
    void constStringBecomesOneValueEnum() {
        assertEquals(json("{'type':'STRING','format':'enum','enum':['v1']}"), ok("{'const':'v1'}"));
    }

    @Test
    void localRefsAreInlinedAndDefsConsumed() {
        JsonNode out = ok("{'$schema':'https://json-schema.org/draft/2020-12/schema','type':'object',"
                + "'properties':{'home':{'$ref':'#/$defs/Address','description':'where'}},"
                + "'$defs':{'Address':{'type':'object','properties':{'city':{'type':'string'}},"
                + "'additionalProperties':false}}}");

        assertEquals(
                json("{'type':'OBJECT','properties':{'city':{'type':'STRING'}},'propertyOrdering':['city'],"
                        + "'description':'where'}"),
                out.path("properties").path("home"));
        assertTrue(!out.has("$defs") && !out.has("$schema"));
    }

    @Test
    void singleAllOfIsInlined() {
        assertEquals(
                json("{'type':'BOOLEAN','title':'Flag'}"),
                ok("{'allOf':[{'$ref':'#/definitions/B'}],'title':'Flag','definitions':{'B':{'type':'boolean'}}}"));
    }

    @Test
    void supportedFormatsAreKeptAndAnnotationFormatsDropped() {
        assertEquals(json("{'type':'STRING','format':'date-time'}"), ok("{'type':'string','format':'date-time'}"));
        assertEquals(json("{'type':'STRING'}"), ok("{'type':'string','format':'email'}"));
        assertEquals(
                json("{'type':'INTEGER','format':'int64','minimum':0}"),
                ok("{'type':'integer','format':'int64','minimum':0}"));
    }

    @Test
    void additionalPropertiesFalseIsAcceptedBecauseGeminiEmitsOnlyDeclaredProperties() {
        ok("{'type':'object','properties':{'a':{'type':'string'}},'additionalProperties':false}");
    }

    @Test
    void additionalPropertiesSchemaIsReportedWithItsPath() {
        GeminiSchemaTranslator.Result r = translate("{'type':'object','properties':{'m':{'type':'object',"
                + "'properties':{'x':{'type':'string'}},'additionalProperties':{'type':'string'}}}}");

        assertEquals(List.of("additionalProperties schema at #/properties/m/additionalProperties"), r.problems());
    }

    @Test
    void oneOfWithSeveralNonNullAlternativesIsReported() {
        GeminiSchemaTranslator.Result r = translate("{'oneOf':[{'type':'string'},{'type':'integer'}]}");

        assertEquals(List.of("oneOf with 2 non-null alternatives (exclusivity) at #/oneOf"), r.problems());
    }

    @Test
    void patternPropertiesIsReported() {
        GeminiSchemaTranslator.Result r = translate("{'type':'object','properties':{'a':{'type':'string'}},"
                + "'patternProperties':{'^x':{'type':'string'}}}");

        assertEquals(List.of("unsupported keyword 'patternProperties' at #/patternProperties"), r.problems());
    }

    @Test
    void recursiveRefIsReported() {
        GeminiSchemaTranslator.Result r = translate("{'$ref':'#/$defs/Node','$defs':{'Node':{'type':'object',"
                + "'properties':{'value':{'type':'string'},'next':{'$ref':'#/$defs/Node'}}}}}");

        assertEquals(List.of("recursive $ref '#/$defs/Node' at #/properties/next"), r.problems());
    }

    @Test
    void everyUntranslatableKeywordIsListed() {
        GeminiSchemaTranslator.Result r = translate("{'type':'object','properties':{"
                + "'n':{'type':'number','exclusiveMinimum':0,'multipleOf':5},"
                + "'free':{'type':'object'},"
                + "'list':{'type':'array','items':{'type':'string'},'uniqueItems':true},"
                + "'code':{'type':'integer','enum':[1,2]},"
                + "'ext':{'$ref':'https://example.com/schema.json'}}}");

        assertEquals(
                List.of(
                        "unsupported keyword 'exclusiveMinimum' at #/properties/n/exclusiveMinimum",
                        "unsupported keyword 'multipleOf' at #/properties/n/multipleOf",
                        "object without properties (a free-form map) at #/properties/free",
                        "uniqueItems true at #/properties/list/uniqueItems",
                        "enum with a non-string value 1 at #/properties/code/enum",
                        "$ref 'https://example.com/schema.json' that is not a local reference into this schema"
                                + " at #/properties/ext"),
                r.problems());
    }

    @Test
    void schemaWithoutTypeIsReported() {
        assertEquals(
                List.of("schema without a type at #/properties/any"),
                translate("{'type':'object','properties':{'any':{}}}").problems());
    }

    @Test
    void annotationsAreDropped() {
        assertEquals(
                json("{'type':'STRING','title':'T'}"),
                ok("{'type':'string','title':'T','$comment':'c',"
                        + "'examples':['x'],'default':'x','deprecated':false,'readOnly':true}"));
    }
}
