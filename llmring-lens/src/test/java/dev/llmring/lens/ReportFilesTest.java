package dev.llmring.lens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmring.LlmRing;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A two-target sweep against a loopback server writes four files that parse and a page that holds its charts. */
class ReportFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] STATS = {"p50", "p90", "p95", "p99", "p999", "max", "mean"};

    @TempDir
    static Path dir;

    private static LensReport report;

    @BeforeAll
    static void run() throws Exception {
        try (FakeOpenAi server = new FakeOpenAi(Duration.ofMillis(5), Duration.ofMillis(2), 4);
                LlmRing ring = server.ring()) {
            report = Lens.builder(ring)
                    .target("openai:m1")
                    .target("openai:m2")
                    .profile(LoadProfile.sweep(10, 2, 3))
                    .requests(8)
                    .slo(Slo.parse("ttft=2s,e2e=5s"))
                    .outputDirectory(dir)
                    .build()
                    .run();
        }
    }

    @Test
    void summaryJsonHasAVersionAndPercentilesPerTarget() throws Exception {
        JsonNode root = JSON.readTree(dir.resolve("summary.json").toFile());
        assertEquals(LensReport.SUMMARY_VERSION, root.path("version").asInt());
        assertEquals(2, root.path("targets").size());
        for (JsonNode t : root.path("targets")) {
            for (String metric : new String[] {"ttft_ms", "itl_ms", "e2e_ms", "ttft_service_ms", "e2e_service_ms"}) {
                for (String stat : STATS) {
                    assertTrue(t.path(metric).path(stat).isNumber(), t.path("target") + " " + metric + "." + stat);
                }
            }
            assertEquals(24, t.path("counts").path("requests").asInt());
            assertTrue(t.path("throughput").path("requests_per_s").isNumber());
            assertTrue(t.path("goodput").path("fraction").isNumber());
            assertTrue(t.path("cost").path("total_usd").isNumber());
            assertEquals(3, t.path("sweep").size());
        }
    }

    @Test
    void requestsJsonlHasALinePerMeasuredRequestWithoutPromptOrKey() throws Exception {
        List<String> lines = Files.readAllLines(dir.resolve("requests.jsonl"), StandardCharsets.UTF_8);
        assertEquals(48, lines.size()); // 2 targets x 3 steps x 8; warm-up excluded
        for (String line : lines) {
            JsonNode n = JSON.readTree(line);
            assertEquals("ok", n.path("status").asText(), line);
            assertTrue(n.path("ttft_ms").isNumber(), line);
            assertTrue(n.path("binding").asText().startsWith("openai:m"), line);
            assertFalse(line.contains("story"), "prompt text leaked: " + line);
            assertFalse(line.contains("test-key"), "key leaked: " + line);
        }
    }

    @Test
    void summaryCsvHasAHeaderAndARowPerTargetAndStep() throws Exception {
        List<String> lines = Files.readAllLines(dir.resolve("summary.csv"), StandardCharsets.UTF_8);
        assertEquals(1 + 2 * (1 + 3), lines.size());
        int columns = lines.get(0).split(",").length;
        for (String line : lines) assertEquals(columns, line.split(",").length, line);
        assertTrue(lines.get(0).contains("ttft_p99_ms"));
    }

    @Test
    void theHtmlReportHoldsFourChartsWithASeriesPerTarget() throws Exception {
        String html = Files.readString(dir.resolve("report.html"), StandardCharsets.UTF_8);
        for (String id : new String[] {"latency-over-time", "ttft-cdf", "e2e-cdf", "sweep"}) {
            Matcher figure = Pattern.compile("<figure id=\"" + id + "\"><svg .*?</svg></figure>", Pattern.DOTALL)
                    .matcher(html);
            assertTrue(figure.find(), "no chart " + id);
            int series = 0;
            Matcher m = Pattern.compile("class=\"series\"").matcher(figure.group());
            while (m.find()) series++;
            assertTrue(series >= 2, id + " has " + series + " series");
        }
    }

    @Test
    void theHtmlReportFetchesNothing() throws Exception {
        String html = Files.readString(dir.resolve("report.html"), StandardCharsets.UTF_8);
        assertFalse(html.contains("<script"));
        assertFalse(html.contains("src="));
        assertFalse(html.contains("href="));
        assertFalse(html.contains("url("));
    }

    @Test
    void theTableHasARowPerTargetAndStep() {
        String table = report.table();
        assertTrue(table.contains("openai:m1"), table);
        assertTrue(table.contains("@ 40.00/s"), table);
    }
}
