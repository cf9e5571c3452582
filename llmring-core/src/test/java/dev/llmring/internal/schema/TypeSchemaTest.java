package dev.llmring.internal.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmring.internal.schema.Fixtures.Address;
import dev.llmring.internal.schema.Fixtures.Collections;
import dev.llmring.internal.schema.Fixtures.Company;
import dev.llmring.internal.schema.Fixtures.Empty;
import dev.llmring.internal.schema.Fixtures.Optionals;
import dev.llmring.internal.schema.Fixtures.Painted;
import dev.llmring.internal.schema.Fixtures.Person;
import dev.llmring.internal.schema.Fixtures.Scalars;
import dev.llmring.internal.schema.Fixtures.Times;
import dev.llmring.internal.schema.Fixtures.Tree;
import dev.llmring.internal.schema.Fixtures.WithMap;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypeSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private static JsonNode schema(Class<?> type) {
        return TypeSchema.of(type).node();
    }

    @Test
    void recordBecomesStrictObjectWithComponentsInOrder() throws Exception {
        assertEquals(
                json("{'type':'object','properties':{'street':{'type':'string'},'city':{'type':'string'}},"
                        + "'required':['street','city'],'additionalProperties':false}"),
                schema(Address.class));
    }

    @Test
    void propertiesKeepComponentOrder() {
        List<String> names = new ArrayList<>();
        schema(Scalars.class).get("properties").fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("s", "b", "bb", "i", "l", "ii", "ll", "sh", "by", "big", "d", "f", "dd", "dec"), names);
    }

    @Test
    void scalarsMapToStringBooleanIntegerAndNumber() throws Exception {
        JsonNode p = schema(Scalars.class).get("properties");
        for (String n : List.of("i", "l", "ii", "ll", "sh", "by", "big")) {
            assertEquals(json("{'type':'integer'}"), p.get(n), n);
        }
        for (String n : List.of("d", "f", "dd", "dec")) assertEquals(json("{'type':'number'}"), p.get(n), n);
        assertEquals(json("{'type':'boolean'}"), p.get("b"));
        assertEquals(json("{'type':'boolean'}"), p.get("bb"));
        assertEquals(json("{'type':'string'}"), p.get("s"));
    }

    @Test
    void nestedRecordsAreInlinedAndStrict() throws Exception {
        JsonNode p = schema(Person.class).get("properties");
        assertEquals(schema(Address.class), p.get("address"));
        assertEquals(json("{'type':'array','items':" + schema(Address.class) + "}"), p.get("previous"));
        assertFalse(schema(Person.class).has("$defs"));
    }

    @Test
    void everyPropertyIsRequiredEvenOptionalOnes() throws Exception {
        assertEquals(
                json("['nick','score','colour','address','tags']"),
                schema(Optionals.class).get("required"));
    }

    @Test
    void optionalAndNullableComponentsAdmitNull() throws Exception {
        JsonNode p = schema(Optionals.class).get("properties");
        assertEquals(json("{'type':['string','null']}"), p.get("nick"));
        assertEquals(json("{'type':['integer','null']}"), p.get("score"));
        assertEquals(json("['object','null']"), p.get("address").get("type"));
        assertEquals(json("{'type':'array','items':{'type':['string','null']}}"), p.get("tags"));
    }

    @Test
    void nullableEnumAddsNullToItsValues() throws Exception {
        assertEquals(
                json("{'type':['string','null'],'enum':['RED','GREEN','BLUE',null]}"),
                schema(Optionals.class).get("properties").get("colour"));
    }

    @Test
    void enumsBecomeStringsListingTheirConstants() throws Exception {
        JsonNode p = schema(Painted.class).get("properties");
        assertEquals(json("{'type':'string','enum':['RED','GREEN','BLUE']}"), p.get("colour"));
        assertEquals(json("{'type':'array','items':{'type':'string','enum':['RED','GREEN','BLUE']}}"), p.get("others"));
    }

    @Test
    void listsSetsAndArraysBecomeArraysWithItems() throws Exception {
        JsonNode p = schema(Collections.class).get("properties");
        assertEquals(json("{'type':'array','items':{'type':'string'}}"), p.get("list"));
        assertEquals(json("{'type':'array','items':{'type':'integer'}}"), p.get("set"));
        assertEquals(json("{'type':'array','items':{'type':'string'}}"), p.get("array"));
        assertEquals(json("{'type':'array','items':{'type':'array','items':{'type':'integer'}}}"), p.get("nested"));
    }

    @Test
    void stringKeyedMapBecomesOpenObjectAndIsNotStrictCompatible() throws Exception {
        assertEquals(
                json("{'type':'object','additionalProperties':{'type':'integer'}}"),
                schema(WithMap.class).get("properties").get("counts"));
        assertFalse(TypeSchema.of(WithMap.class).strictCompatible());
        assertTrue(TypeSchema.of(Person.class).strictCompatible());
    }

    @Test
    void javaTimeTypesAreStringsWithFormats() throws Exception {
        JsonNode p = schema(Times.class).get("properties");
        for (String n : List.of("instant", "odt", "zdt")) {
            assertEquals(json("{'type':'string','format':'date-time'}"), p.get(n), n);
        }
        assertEquals(json("{'type':'string','format':'date'}"), p.get("date"));
        assertEquals(json("{'type':'string','format':'time'}"), p.get("time"));
        assertEquals(json("{'type':'string','format':'duration'}"), p.get("duration"));
        assertEquals(json("{'type':'string','format':'uuid'}"), p.get("id"));
        assertEquals("string", p.get("ldt").get("type").asText());
        assertTrue(p.get("ldt").has("description"));
        assertFalse(p.get("ldt").has("format"));
    }

    @Test
    void selfRecursiveRootIsReferencedWithHash() throws Exception {
        assertEquals(
                json("{'type':'array','items':{'$ref':'#'}}"),
                schema(Tree.class).get("properties").get("children"));
        assertFalse(schema(Tree.class).has("$defs"));
    }

    @Test
    void mutuallyRecursiveRecordsGoToDefsAndAreReferenced() throws Exception {
        JsonNode s = schema(Company.class);
        assertEquals(json("{'$ref':'#/$defs/Department'}"), s.get("properties").get("main"));
        JsonNode runs = json("{'anyOf':[{'$ref':'#/$defs/Department'},{'type':'null'}]}");
        assertEquals(runs, s.at("/properties/ceo/properties/runs"));
        assertEquals(runs, s.at("/$defs/Department/properties/head/properties/runs"));
        assertEquals(1, s.get("$defs").size());
    }

    @Test
    void emptyRecordIsAnEmptyStrictObject() throws Exception {
        assertEquals(
                json("{'type':'object','properties':{},'required':[],'additionalProperties':false}"),
                schema(Empty.class));
    }

    @Test
    void schemaIsComputedOncePerClass() {
        assertSame(TypeSchema.of(Person.class), TypeSchema.of(Person.class));
    }

    @Test
    void nameIsTheSimpleClassName() {
        assertEquals("Person", TypeSchema.of(Person.class).name());
    }

    @Test
    void jsonTextIsTheCompactTree() throws Exception {
        assertEquals(
                schema(Person.class), JSON.readTree(TypeSchema.of(Person.class).json()));
        assertFalse(TypeSchema.of(Person.class).json().contains("\n"));
    }

    @Test
    void rootThatIsNotARecordIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> TypeSchema.of(Fixtures.NotARecord.class));
        assertTrue(e.getMessage().contains("record"), e.getMessage());
    }

    @Test
    void objectComponentIsRefusedNamingItsPath() {
        var e = assertThrows(IllegalArgumentException.class, () -> TypeSchema.of(Fixtures.HasObject.class));
        assertTrue(e.getMessage().contains("HasObject.anything"), e.getMessage());
    }

    @Test
    void rawCollectionIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> TypeSchema.of(Fixtures.HasRawList.class));
        assertTrue(e.getMessage().contains("HasRawList.items") && e.getMessage().contains("raw"), e.getMessage());
    }

    @Test
    void genericRecordIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> TypeSchema.of(Fixtures.HasBox.class));
        assertTrue(e.getMessage().contains("HasBox.box"), e.getMessage());
    }

    @Test
    void nonStringMapKeyIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> TypeSchema.of(Fixtures.HasIntKeys.class));
        assertTrue(e.getMessage().contains("map keys"), e.getMessage());
    }

    @Test
    void byteArrayIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> TypeSchema.of(Fixtures.HasBytes.class));
    }
}
