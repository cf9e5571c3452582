package dev.llmring.lens;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code requests.jsonl}: one line per measured request as it ends: ids, binding, status, timings in milliseconds,
 * tokens and cost. Never the prompt, the answer or a key; an error is named by its type and HTTP status only.
 */
final class RequestLog implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final BufferedWriter out;

    RequestLog(Path file) {
        this.file = file;
        try {
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LensException("cannot write " + file + ": " + e.getMessage(), file.toString(), 0, e);
        }
    }

    synchronized void write(Sample s, double rate, long runStart) {
        ObjectNode n = JSON.createObjectNode();
        n.put("seq", s.seq());
        n.put("target", s.target());
        if (s.step() >= 0 && rate > 0) n.put("offered_rate", rate);
        n.put("step", s.step());
        n.put("prompt_id", s.promptId());
        n.put("binding", s.binding());
        n.put("request_id", s.requestId());
        n.put("status", s.ok() ? "ok" : "error");
        if (!s.ok()) {
            n.put("error_type", s.errorType());
            if (s.httpStatus() > 0) n.put("http_status", s.httpStatus());
        }
        n.put("scheduled_ms", ms(s.scheduled() - runStart));
        n.put("schedule_lag_ms", ms(s.lag()));
        if (s.firstToken() >= 0) {
            n.put("ttft_ms", ms(s.ttft()));
            n.put("ttft_service_ms", ms(s.ttftService()));
        }
        n.put("e2e_ms", ms(s.e2e()));
        n.put("e2e_service_ms", ms(s.e2eService()));
        if (s.gaps() > 0) n.put("itl_mean_ms", ms(s.gapNanos() / s.gaps()));
        if (s.tpot() >= 0) n.put("tpot_ms", ms(s.tpot()));
        if (s.ok()) {
            n.put("input_tokens", s.inputTokens());
            n.put("output_tokens", s.outputTokens());
            if (s.estimated()) n.put("output_tokens_estimated", true);
        }
        if (s.cost() != null) n.put("cost_usd", s.cost());
        try {
            out.write(JSON.writeValueAsString(n));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static double ms(long nanos) {
        return Math.round(nanos / 1000.0) / 1000.0;
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
