package dev.llmring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a request checks of its tools and tool choice when it is built. */
class ChatRequestToolsTest {
    private static final Tool LOOKUP = Tool.of("lookup", "Looks a word up", "{\"type\":\"object\"}");
    private static final Tool SEARCH = Tool.of("search", "Searches", "{\"type\":\"object\"}");

    private static ChatRequest.Builder asking() {
        return ChatRequest.builder("a:m1").user("hi");
    }

    private static String refusal(ChatRequest.Builder b) {
        return assertThrows(IllegalArgumentException.class, b::build).getMessage();
    }

    @Test
    void toolNamesMustBeUnique() {
        assertEquals("tool names must be unique", refusal(asking().tools(List.of(LOOKUP, SEARCH, LOOKUP))));
    }

    @Test
    void aNamedToolChoiceMustNameOneOfTheTools() {
        assertEquals(
                "tool choice names tool 'fetch', which is not among the tools",
                refusal(asking().tools(List.of(LOOKUP, SEARCH)).toolChoice(ToolChoice.tool("fetch"))));
    }

    @Test
    void aChoiceNamingNoToolIsReportedBeforeDuplicateNames() {
        assertEquals(
                "tool choice names tool 'fetch', which is not among the tools",
                refusal(asking().tools(List.of(LOOKUP, LOOKUP)).toolChoice(ToolChoice.tool("fetch"))));
    }

    @Test
    void aNamedToolChoiceNeedsTools() {
        assertEquals(
                "tool choice " + ToolChoice.tool("fetch") + " needs at least one tool",
                refusal(asking().toolChoice(ToolChoice.tool("fetch"))));
    }

    @Test
    void distinctToolsAndAChoiceAmongThemAreAccepted() {
        ChatRequest r = asking().tools(List.of(LOOKUP, SEARCH))
                .toolChoice(ToolChoice.tool("search"))
                .build();
        assertEquals(2, r.tools().size());
    }
}
