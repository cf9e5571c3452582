package dev.llmring.batch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.llmring.batch.BatchFixture.batchLine;
import static dev.llmring.batch.BatchFixture.record;
import static dev.llmring.batch.BatchFixture.runner;
import static dev.llmring.batch.BatchFixture.shortLine;
import static dev.llmring.batch.BatchFixture.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.llmring.LlmRing;
import dev.llmring.Sleeper;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Provider batch mode against a loopback Gemini Batch API shaped as its reference and guide show. */
class GeminiProviderModeTest extends BatchTestBase {
    private static final String MODEL = "google:gemini-2.5-flash";
    private static final String CREATE = "/v1beta/models/gemini-2.5-flash:batchGenerateContent";
    private final List<Duration> waits = new ArrayList<>();

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.wm.port() + "/v1beta");
    }

    private LlmRing ring() {
        return LlmRing.builder()
                .environment(Map.of("GEMINI_API_KEY", "test-key")::get)
                .baseUrl("google", base())
                .noRegistry()
                .build();
    }

    private ProviderBatch.Builder settings() {
        return ProviderBatch.builder()
                .endpoint("google", base(), "test-key")
                .pollInterval(Duration.ofSeconds(10), Duration.ofSeconds(15))
                .sleeper(waits::add);
    }

    /** A {@code batches/{id}} operation as GET returns it; {@code output} is the GenerateContentBatchOutput or null. */
    private static String operation(String id, String state, String output) {
        String meta = "{\"@type\":\"type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatch\","
                + "\"model\":\"models/gemini-2.5-flash\",\"displayName\":\"llmring-batch\","
                + "\"createTime\":\"2025-07-07T10:00:00.123456Z\",\"updateTime\":\"2025-07-07T10:05:00.654321Z\","
                + "\"batchStats\":{\"requestCount\":\"2\",\"successfulRequestCount\":\"1\",\"pendingRequestCount\":\"1\"},"
                + "\"state\":\"" + state + "\",\"name\":\"batches/" + id + "\""
                + (output == null ? "" : ",\"output\":" + output) + "}";
        boolean done = !state.equals("BATCH_STATE_PENDING") && !state.equals("BATCH_STATE_RUNNING");
        return "{\"name\":\"batches/" + id + "\",\"metadata\":" + meta + (done ? ",\"done\":true" : "") + "}";
    }

    private static String answer(String text) {
        return "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"" + text + "\"}],\"role\":\"model\"},"
                + "\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":8,"
                + "\"candidatesTokenCount\":3,\"totalTokenCount\":16,\"thoughtsTokenCount\":5},"
                + "\"modelVersion\":\"gemini-2.5-flash\",\"responseId\":\"resp-1\"}";
    }

    private static String inline(String... items) {
        return "{\"@type\":\"type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatchOutput\","
                + "\"inlinedResponses\":{\"inlinedResponses\":[" + String.join(",", items) + "]}}";
    }

    private void stub(String method, String path, String state, String next, String body) {
        var m = method.equals("GET") ? get(urlEqualTo(path)) : post(urlEqualTo(path));
        server.wm.stubFor(m.inScenario(method + path)
                .whenScenarioStateIs(state)
                .willSetStateTo(next)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(body)));
    }

    private List<LoggedRequest> creates() {
        return server.wm.findAll(postRequestedFor(urlEqualTo(CREATE)));
    }

    @Test
    void inlineRequestsArePolledThroughTheirStatesAndEachInlineResultJournaledAtTheDiscount() throws Exception {
        String s = Scenario.STARTED;
        stub("POST", CREATE, s, s, operation("b1", "BATCH_STATE_PENDING", null));
        stub("GET", "/v1beta/batches/b1", s, "running", operation("b1", "BATCH_STATE_PENDING", null));
        stub("GET", "/v1beta/batches/b1", "running", "done", operation("b1", "BATCH_STATE_RUNNING", null));
        String error = "{\"error\":{\"code\":400,\"message\":\"Request contains an invalid argument.\","
                + "\"status\":\"INVALID_ARGUMENT\"},\"metadata\":{\"key\":\"b\"}}";
        stub(
                "GET",
                "/v1beta/batches/b1",
                "done",
                "done",
                operation(
                        "b1",
                        "BATCH_STATE_SUCCEEDED",
                        inline("{\"response\":" + answer("Hello") + ",\"metadata\":{\"key\":\"a\"}}", error)));
        Path in = write(dir, "in.jsonl", List.of(batchLine("a", MODEL, "one"), shortLine("b", MODEL, "two")));
        try (LlmRing ring = ring()) {
            BatchSummary summary = runner(ring, in, out())
                    .providerMode(settings().build())
                    .build()
                    .run();
            assertEquals(1, summary.ok(), summary.toString());
            assertEquals(1, summary.failed(), summary.toString());
        }
        var a = record(out(), "a");
        assertEquals("Hello", a.path("response").path("text").asText());
        assertEquals("stop", a.path("response").path("finish_reason").asText());
        assertEquals(8, a.path("response").path("usage").path("output_tokens").asInt(), "candidates + thoughts");
        assertEquals(
                5, a.path("response").path("usage").path("reasoning_tokens").asInt());
        assertEquals("google:gemini-2.5-flash", a.path("binding").asText());
        assertEquals("provider", a.path("mode").asText());
        var b = record(out(), "b").path("error");
        assertEquals("invalid_argument", b.path("type").asText());
        assertEquals(400, b.path("status").asInt());
        LoggedRequest create = creates().get(0);
        String body = create.getBodyAsString();
        assertTrue(body.contains("\"inputConfig\":{\"requests\":{\"requests\":[{\"request\":{"), body);
        assertTrue(body.contains("\"metadata\":{\"key\":\"a\"}"), body);
        assertTrue(body.contains("\"systemInstruction\""), "the adapter's own encoding: " + body);
        assertTrue(body.contains("\"maxOutputTokens\":50"), body);
        assertEquals("test-key", create.getHeader("x-goog-api-key"));
        for (LoggedRequest r : server.wm.findAll(anyRequestedFor(anyUrl()))) {
            assertFalse(r.getUrl().contains("key="), "no key in the query: " + r.getUrl());
        }
        assertEquals(List.of(Duration.ofSeconds(10), Duration.ofSeconds(15)), waits);
    }

    @Test
    void aLargeJobIsUploadedThroughTheFilesApiAndItsResponsesFileReadByKey() throws Exception {
        String s = Scenario.STARTED;
        String uploadUrl = "http://127.0.0.1:" + server.wm.port() + "/upload/v1beta/files?upload_id=up-1";
        server.wm.stubFor(post(urlEqualTo("/upload/v1beta/files"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("x-goog-upload-url", uploadUrl)
                        .withHeader("x-goog-upload-status", "active")));
        stub(
                "POST",
                "/upload/v1beta/files?upload_id=up-1",
                s,
                s,
                "{\"file\":{\"name\":\"files/in-1\",\"mimeType\":\"application/jsonl\",\"sizeBytes\":\"900\","
                        + "\"state\":\"ACTIVE\",\"source\":\"UPLOADED\"}}");
        stub("POST", CREATE, s, s, operation("b2", "BATCH_STATE_PENDING", null));
        stub(
                "GET",
                "/v1beta/batches/b2",
                s,
                s,
                operation("b2", "BATCH_STATE_SUCCEEDED", "{\"responsesFile\":\"files/batch-b2-out\"}"));
        // out of order, one error: matched by key, not by position
        stub(
                "GET",
                "/download/v1beta/files/batch-b2-out:download?alt=media",
                s,
                s,
                "{\"key\":\"b\",\"response\":" + answer("second") + "}\n\n{\"key\":\"a\",\"response\":"
                        + answer("first") + "}\n");
        Path in = write(dir, "in.jsonl", List.of(shortLine("a", MODEL, "one"), shortLine("b", MODEL, "two")));
        try (LlmRing ring = ring()) {
            BatchSummary summary = runner(ring, in, out())
                    .providerMode(settings().geminiInlineBytes(10).build())
                    .build()
                    .run();
            assertEquals(2, summary.ok(), summary.toString());
        }
        assertEquals("first", record(out(), "a").path("response").path("text").asText());
        assertEquals("second", record(out(), "b").path("response").path("text").asText());
        LoggedRequest start = server.wm
                .findAll(postRequestedFor(urlEqualTo("/upload/v1beta/files")))
                .get(0);
        assertEquals("resumable", start.getHeader("X-Goog-Upload-Protocol"));
        assertEquals("start", start.getHeader("X-Goog-Upload-Command"));
        LoggedRequest upload = server.wm
                .findAll(postRequestedFor(urlEqualTo("/upload/v1beta/files?upload_id=up-1")))
                .get(0);
        assertEquals("upload, finalize", upload.getHeader("X-Goog-Upload-Command"));
        assertEquals(
                upload.getBodyAsString().length(),
                Long.parseLong(start.getHeader("X-Goog-Upload-Header-Content-Length")));
        String[] lines = upload.getBodyAsString().split("\n");
        assertEquals(2, lines.length);
        assertTrue(lines[0].startsWith("{\"key\":\"a\",\"request\":{"), lines[0]);
        String create = creates().get(0).getBodyAsString();
        assertTrue(create.contains("\"inputConfig\":{\"fileName\":\"files/in-1\"}"), create);
    }

    @Test
    void anExpiredJobKeepsItsPartialResultsAndResubmitsOnlyTheMissingKeys() throws Exception {
        String s = Scenario.STARTED;
        stub("POST", CREATE, s, "second", operation("b3", "BATCH_STATE_PENDING", null));
        stub("POST", CREATE, "second", "second", operation("b4", "BATCH_STATE_PENDING", null));
        stub(
                "GET",
                "/v1beta/batches/b3",
                s,
                s,
                operation("b3", "BATCH_STATE_EXPIRED", "{\"responsesFile\":\"files/batch-b3-out\"}"));
        stub(
                "GET",
                "/download/v1beta/files/batch-b3-out:download?alt=media",
                s,
                s,
                "{\"key\":\"a\",\"response\":" + answer("kept") + "}\n");
        stub(
                "GET",
                "/v1beta/batches/b4",
                s,
                s,
                operation(
                        "b4",
                        "BATCH_STATE_SUCCEEDED",
                        inline("{\"response\":" + answer("again") + ",\"metadata\":{\"key\":\"b\"}}")));
        Path in = write(dir, "in.jsonl", List.of(shortLine("a", MODEL, "one"), shortLine("b", MODEL, "two")));
        try (LlmRing ring = ring()) {
            BatchSummary summary = runner(ring, in, out())
                    .providerMode(settings().build())
                    .build()
                    .run();
            assertEquals(2, summary.ok(), summary.toString());
        }
        assertEquals(2, creates().size());
        String again = creates().get(1).getBodyAsString();
        assertTrue(again.contains("\"key\":\"b\""), again);
        assertFalse(again.contains("\"key\":\"a\""), again);
        assertEquals("kept", record(out(), "a").path("response").path("text").asText());
        assertEquals("again", record(out(), "b").path("response").path("text").asText());
    }

    @Test
    void cancelAsksTheProviderRecordsItAndCollectJournalsWhatFinishedWithoutResubmitting() throws Exception {
        String s = Scenario.STARTED;
        stub("POST", CREATE, s, s, operation("b5", "BATCH_STATE_PENDING", null));
        stub("GET", "/v1beta/batches/b5", s, s, operation("b5", "BATCH_STATE_RUNNING", null));
        stub("POST", "/v1beta/batches/b5:cancel", s, s, "{}");
        Path in = write(dir, "in.jsonl", List.of(shortLine("a", MODEL, "one"), shortLine("b", MODEL, "two")));
        Path state = dir.resolve("out.jsonl.state");
        try (LlmRing ring = ring()) {
            BatchSummary summary = runner(ring, in, out())
                    .providerMode(settings().noWait(true).build())
                    .build()
                    .run();
            assertEquals(BatchSummary.Stop.PENDING, summary.stop());

            ProviderJobs jobs = ProviderJobs.open(state, settings().build());
            List<ProviderJobs.Job> before = jobs.status();
            assertEquals(1, before.size());
            assertEquals("batches/b5", before.get(0).id());
            assertEquals("running", before.get(0).state());
            assertEquals(2L, before.get(0).counts().get("requestCount"));

            jobs.cancel();
            assertEquals(
                    1,
                    server.wm
                            .findAll(postRequestedFor(urlEqualTo("/v1beta/batches/b5:cancel")))
                            .size());
            assertTrue(Files.readString(state.resolve("jobs.jsonl")).contains("\"cancel_requested\":true"));

            stub(
                    "GET",
                    "/v1beta/batches/b5",
                    s,
                    s,
                    operation(
                            "b5",
                            "BATCH_STATE_CANCELLED",
                            inline("{\"response\":" + answer("done before") + ",\"metadata\":{\"key\":\"a\"}}")));
            BatchSummary collected = jobs.collector(ring).build().run();
            assertEquals(1, collected.ok(), collected.toString());
            assertEquals(1, collected.failed(), collected.toString());
            assertEquals("collected", jobs.status().get(0).state());
        }
        assertEquals(1, creates().size(), "collect submits nothing");
        assertEquals(
                "done before", record(out(), "a").path("response").path("text").asText());
        assertEquals(
                "batch_cancelled", record(out(), "b").path("error").path("type").asText());
    }

    @Test
    void aSignalWhilePollingStopsAtOnceAndLeavesTheJobToReattach() throws Exception {
        String s = Scenario.STARTED;
        stub("POST", CREATE, s, s, operation("b6", "BATCH_STATE_PENDING", null));
        stub("GET", "/v1beta/batches/b6", s, s, operation("b6", "BATCH_STATE_RUNNING", null));
        Path in = write(dir, "in.jsonl", List.of(shortLine("a", MODEL, "one")));
        CountDownLatch sleeping = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        Sleeper blocking = d -> {
            sleeping.countDown();
            try {
                new CountDownLatch(1).await(30, TimeUnit.SECONDS); // only an interrupt ends it early
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
            }
        };
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (LlmRing ring = ring()) {
            BatchRunner runner = runner(ring, in, out())
                    .providerMode(settings().sleeper(blocking).build())
                    .build();
            Future<BatchSummary> result = pool.submit(runner::run);
            assertTrue(sleeping.await(30, TimeUnit.SECONDS), "the run polls");
            runner.stop();
            BatchSummary summary = result.get(30, TimeUnit.SECONDS);
            assertTrue(interrupted.get(), "the signal woke the poll instead of waiting it out");
            assertEquals(BatchSummary.Stop.SIGNAL, summary.stop());
            assertEquals(3, summary.exitCode());
        } finally {
            pool.shutdownNow();
        }
        String jobs = Files.readString(dir.resolve("out.jsonl.state/jobs.jsonl"));
        assertFalse(jobs.contains("collected"), jobs);
        stub(
                "GET",
                "/v1beta/batches/b6",
                s,
                s,
                operation(
                        "b6",
                        "BATCH_STATE_SUCCEEDED",
                        inline("{\"response\":" + answer("later") + ",\"metadata\":{\"key\":\"a\"}}")));
        try (LlmRing ring = ring()) {
            BatchSummary summary = runner(ring, in, out())
                    .providerMode(settings().build())
                    .build()
                    .run();
            assertEquals(1, summary.ok(), summary.toString());
        }
        assertEquals(1, creates().size(), "re-attached, not submitted again");
        assertEquals("later", record(out(), "a").path("response").path("text").asText());
    }
}
