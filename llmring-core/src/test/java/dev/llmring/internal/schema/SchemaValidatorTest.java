package dev.llmring.internal.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmring.internal.schema.Fixtures.Company;
import dev.llmring.internal.schema.Fixtures.Optionals;
import dev.llmring.internal.schema.Fixtures.Painted;
import dev.llmring.internal.schema.Fixtures.Person;
import dev.llmring.internal.schema.Fixtures.Scalars;
import dev.llmring.internal.schema.Fixtures.Times;
import dev.llmring.internal.schema.Fixtures.Tree;
import dev.llmring.internal.schema.Fixtures.WithMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaValidatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADDRESS = "{'street':'Main','city':'Oslo'}";

    private static List<String> violations(Class<?> type, String document) throws Exception {
        return SchemaValidator.validate(TypeSchema.of(type).node(), JSON.readTree(document.replace('\'', '"'))).stream()
                .map(Violation::toString)
                .toList();
    }

    @Test
    void validDocumentHasNoViolations() throws Exception {
        assertEquals(
                List.of(),
                violations(
                        Person.class,
                        "{'name':'Ada','age':36,'address':" + ADDRESS + ",'previous':[" + ADDRESS + "]}"));
    }

    @Test
    void missingRequiredPropertyIsReportedAtItsPointer() throws Exception {
        assertEquals(
                List.of("/address/city: required property is missing"),
                violations(Person.class, "{'name':'Ada','age':36,'address':{'street':'Main'},'previous':[]}"));
    }

    @Test
    void unknownPropertyIsRejected() throws Exception {
        assertEquals(
                List.of("/nickname: property is not allowed by the schema"),
                violations(
                        Person.class,
                        "{'name':'Ada','age':36,'address':" + ADDRESS + ",'previous':[],'nickname':'A'}"));
    }

    @Test
    void wrongTypeInsideAListOfRecordsNamesTheIndex() throws Exception {
        assertEquals(
                List.of("/previous/1/city: expected string, got integer"),
                violations(
                        Person.class,
                        "{'name':'Ada','age':36,'address':" + ADDRESS + ",'previous':[" + ADDRESS
                                + ",{'street':'x','city':7}]}"));
    }

    @Test
    void everyViolationIsReportedNotOnlyTheFirst() throws Exception {
        assertEquals(
                List.of(
                        "/name: expected string, got null",
                        "/age: expected integer, got string",
                        "/address: expected object, got array",
                        "/previous: expected array, got object"),
                violations(Person.class, "{'name':null,'age':'36','address':[],'previous':{}}"));
    }

    @Test
    void rootThatIsNotAnObjectIsOneViolation() throws Exception {
        assertEquals(List.of("(root): expected object, got array"), violations(Person.class, "[1,2]"));
    }

    @Test
    void enumValueOutsideTheConstantsIsRejectedWithoutQuotingIt() throws Exception {
        List<String> found = violations(Painted.class, "{'colour':'PURPLE-SECRET','others':['RED','MAUVE']}");
        assertEquals(2, found.size(), found.toString());
        assertTrue(found.get(0).startsWith("/colour: expected one of [\"RED\",\"GREEN\",\"BLUE\"]"), found.get(0));
        assertTrue(found.get(1).startsWith("/others/1: "), found.get(1));
        assertTrue(found.stream().noneMatch(v -> v.contains("PURPLE") || v.contains("MAUVE")), found.toString());
    }

    @Test
    void nullableAndOptionalComponentsAcceptNull() throws Exception {
        assertEquals(
                List.of(),
                violations(
                        Optionals.class, "{'nick':null,'score':null,'colour':null,'address':null,'tags':['a',null]}"));
    }

    @Test
    void absentNullableComponentsAreAccepted() throws Exception {
        assertEquals(List.of(), violations(Optionals.class, "{'tags':[]}"));
    }

    @Test
    void absentNonNullableComponentIsMissingEvenBesideNullableOnes() throws Exception {
        assertEquals(List.of("/tags: required property is missing"), violations(Optionals.class, "{}"));
    }

    @Test
    void nullForANonNullableComponentIsRejected() throws Exception {
        assertEquals(
                List.of("/address: expected object, got null"),
                violations(Person.class, "{'name':'Ada','age':36,'address':null,'previous':[]}"));
    }

    @Test
    void integerAcceptsIntegralDecimalsAndRejectsFractions() throws Exception {
        String ok = "{'s':'','b':true,'bb':false,'i':3.0,'l':1e3,'ii':0,'ll':-4,'sh':1,'by':1,'big':1,"
                + "'d':0.5,'f':1,'dd':2,'dec':3.25}";
        assertEquals(List.of(), violations(Scalars.class, ok));
        assertEquals(List.of("/i: expected integer, got number"), violations(Scalars.class, ok.replace("3.0", "3.5")));
    }

    @Test
    void booleanDoesNotAcceptStringsOrNumbers() throws Exception {
        String doc = "{'s':'','b':'true','bb':1,'i':3,'l':1,'ii':0,'ll':-4,'sh':1,'by':1,'big':1,"
                + "'d':0.5,'f':1,'dd':2,'dec':3}";
        assertEquals(
                List.of("/b: expected boolean, got string", "/bb: expected boolean, got integer"),
                violations(Scalars.class, doc));
    }

    @Test
    void malformedDateTimeIsAFormatViolation() throws Exception {
        String doc = "{'instant':'yesterday','odt':'2025-01-31T10:00:00Z','zdt':'2025-01-31T10:00:00+01:00',"
                + "'date':'2025-02-30','time':'10:00:00Z','duration':'PT5M',"
                + "'id':'123e4567-e89b-12d3-a456-426614174000','ldt':'2025-01-31T10:00','lt':'10:00'}";
        assertEquals(
                List.of("/instant: not a valid date-time string", "/date: not a valid date string"),
                violations(Times.class, doc));
    }

    @Test
    void mapValuesAreCheckedAndKeysEscapedInPointers() throws Exception {
        assertEquals(
                List.of("/counts/a~1b~0c: expected integer, got string"),
                violations(WithMap.class, "{'counts':{'ok':1,'a/b~c':'x'}}"));
    }

    @Test
    void recursiveDocumentsAreCheckedAtDepth() throws Exception {
        assertEquals(
                List.of("/children/0/children/0/label: expected string, got boolean"),
                violations(
                        Tree.class,
                        "{'label':'a','children':[{'label':'b','children':[{'label':true,'children':[]}]}]}"));
    }

    @Test
    void referencedDefinitionsAreChecked() throws Exception {
        assertEquals(
                List.of("/main/head/runs/name: expected string, got integer"),
                violations(
                        Company.class,
                        "{'main':{'name':'R&D','head':{'name':'Ada','runs':{'name':1,'head':{'name':'B','runs':null}}}},"
                                + "'ceo':{'name':'C','runs':null}}"));
    }

    @Test
    void nullableReferenceRejectsOtherTypesAsAMismatch() throws Exception {
        assertEquals(
                List.of("/ceo/runs: a string matching none of the 2 alternatives"),
                violations(
                        Company.class,
                        "{'main':{'name':'R','head':{'name':'A','runs':null}},'ceo':{'name':'C','runs':'x'}}"));
    }
}
