package dev.llmring.internal.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmring.internal.schema.Fixtures.Address;
import dev.llmring.internal.schema.Fixtures.Collections;
import dev.llmring.internal.schema.Fixtures.Colour;
import dev.llmring.internal.schema.Fixtures.Optionals;
import dev.llmring.internal.schema.Fixtures.Person;
import dev.llmring.internal.schema.Fixtures.Positive;
import dev.llmring.internal.schema.Fixtures.Times;
import dev.llmring.internal.schema.Fixtures.Tree;
import dev.llmring.internal.schema.Fixtures.WithMap;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StructuredReaderTest {

    private static <T> T read(String json, Class<T> type) {
        StructuredReader.Result<T> r = StructuredReader.read(json.replace('\'', '"'), type);
        assertEquals(List.of(), r.violations());
        return r.value();
    }

    private static List<String> violations(String json, Class<?> type) {
        StructuredReader.Result<?> r = StructuredReader.read(json.replace('\'', '"'), type);
        assertNull(r.value());
        return r.violations().stream().map(Violation::toString).toList();
    }

    @Test
    void bindsNestedRecordsAndListsOfRecords() {
        Person p = read(
                "{'name':'Ada','age':36,'address':{'street':'Main','city':'Oslo'},"
                        + "'previous':[{'street':'Old','city':'Bergen'}]}",
                Person.class);
        assertEquals(new Person("Ada", 36, new Address("Main", "Oslo"), List.of(new Address("Old", "Bergen"))), p);
    }

    @Test
    void bindsOptionalAndNullableComponents() {
        Optionals o =
                read("{'nick':'A','score':null,'colour':'RED','address':null,'tags':['x',null]}", Optionals.class);
        assertEquals(Optional.of("A"), o.nick());
        assertNull(o.score());
        assertEquals(Colour.RED, o.colour());
        assertEquals(Optional.empty(), o.address());
        assertEquals(Arrays.asList("x", null), o.tags());
    }

    @Test
    void absentOptionalComponentBindsAsEmpty() {
        Optionals o = read("{'tags':[]}", Optionals.class);
        assertEquals(Optional.empty(), o.nick());
        assertEquals(Optional.empty(), o.address());
        assertNull(o.colour());
    }

    @Test
    void bindsCollectionsAndArrays() {
        Collections c = read("{'list':['a'],'set':[1,2],'array':['x','y'],'nested':[[1],[2,3]]}", Collections.class);
        assertEquals(List.of("a"), c.list());
        assertEquals(Set.of(1, 2), c.set());
        assertEquals(List.of("x", "y"), List.of(c.array()));
        assertEquals(List.of(List.of(1L), List.of(2L, 3L)), c.nested());
    }

    @Test
    void bindsMaps() {
        assertEquals(
                Map.of("a", 1, "b", 2),
                read("{'counts':{'a':1,'b':2}}", WithMap.class).counts());
    }

    @Test
    void bindsJavaTimeAndUuidWithoutExtraJacksonModules() {
        Times t = read(
                "{'instant':'2025-01-31T10:00:00+01:00','odt':'2025-01-31T10:00:00Z',"
                        + "'zdt':'2025-01-31T10:00:00+01:00','date':'2025-02-28','time':'10:00:00Z',"
                        + "'duration':'PT5M','id':'123e4567-e89b-12d3-a456-426614174000','ldt':'2025-01-31T10:00',"
                        + "'lt':'10:00'}",
                Times.class);
        assertEquals(Instant.parse("2025-01-31T09:00:00Z"), t.instant());
        assertEquals(LocalDate.of(2025, 2, 28), t.date());
        assertEquals(Duration.ofMinutes(5), t.duration());
        assertEquals(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), t.id());
        assertEquals(LocalDateTime.of(2025, 1, 31, 10, 0), t.ldt());
    }

    @Test
    void malformedLocalDateTimeIsReportedByTheBinder() {
        String doc = "{'instant':'2025-01-31T10:00:00Z','odt':'2025-01-31T10:00:00Z','zdt':'2025-01-31T10:00:00Z',"
                + "'date':'2025-02-28','time':'10:00:00Z','duration':'PT5M',"
                + "'id':'123e4567-e89b-12d3-a456-426614174000','ldt':'tomorrow','lt':'10:00'}";
        assertEquals(List.of("/ldt: not a valid LocalDateTime"), violations(doc, Times.class));
    }

    @Test
    void bindsRecursiveRecords() {
        Tree t = read("{'label':'a','children':[{'label':'b','children':[]}]}", Tree.class);
        assertEquals(new Tree("a", List.of(new Tree("b", List.of()))), t);
    }

    @Test
    void keepsBigDecimalPrecision() {
        Fixtures.Scalars s = read(
                "{'s':'','b':true,'bb':false,'i':1,'l':1,'ii':0,'ll':-4,'sh':1,'by':1,"
                        + "'big':123456789012345678901234567890,'d':0.5,'f':1,'dd':2,'dec':0.10000000000000000001}",
                Fixtures.Scalars.class);
        assertEquals(new BigDecimal("0.10000000000000000001"), s.dec());
        assertEquals("123456789012345678901234567890", s.big().toString());
    }

    @Test
    void malformedJsonIsOneViolationAtTheRootWithItsLocation() {
        List<String> v = violations("{'name':'Ada',", Person.class);
        assertEquals(1, v.size());
        assertTrue(v.get(0).startsWith("(root): not valid JSON: ") && v.get(0).contains("line 1"), v.get(0));
    }

    @Test
    void trailingContentIsMalformed() {
        List<String> v = violations("{'street':'a','city':'b'} and more", Address.class);
        assertTrue(v.get(0).startsWith("(root): not valid JSON"), v.toString());
    }

    @Test
    void duplicateKeysAreMalformed() {
        List<String> v = violations("{'street':'a','street':'b','city':'c'}", Address.class);
        assertTrue(v.get(0).startsWith("(root): not valid JSON") && v.get(0).contains("street"), v.toString());
    }

    @Test
    void emptyTextIsAViolation() {
        assertEquals(List.of("(root): the text is empty, expected a JSON object"), violations("  ", Address.class));
    }

    @Test
    void valueOutOfRangeForTheJavaTypeIsReportedAtItsPath() {
        List<String> v = violations(
                "{'name':'A','age':30000000000,'address':{'street':'a','city':'b'}," + "'previous':[]}", Person.class);
        assertEquals(List.of("/age: out of range for int"), v);
    }

    @Test
    void constructorRejectionIsReportedWithTheRecordsMessage() {
        assertEquals(
                List.of("(root): rejected by the constructor of Positive: n must be positive"),
                violations("{'n':-1}", Positive.class));
    }

    @Test
    void typeWithoutSchemaIsAnArgumentError() {
        assertThrows(IllegalArgumentException.class, () -> StructuredReader.read("{}", Fixtures.HasObject.class));
    }
}
