package dev.llmring.lens;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Writes {@code summary.json}, {@code summary.csv} and {@code report.html} of a report. */
final class ReportFiles {
    private static final String[] METRICS = {
        "ttft_ms", "ttft_service_ms", "itl_ms", "tpot_ms", "e2e_ms", "e2e_service_ms", "schedule_lag_ms"
    };
    private static final String[] STATS = {"p50", "p90", "p95", "p99", "p999", "max", "mean"};

    private ReportFiles() {}

    static void write(LensReport report, Path dir) {
        write(dir.resolve("summary.json"), json(report));
        write(dir.resolve("summary.csv"), csv(report));
        write(dir.resolve("report.html"), HtmlReport.render(report));
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LensException("cannot write " + file + ": " + e.getMessage(), file.toString(), 0, e);
        }
    }

    static String json(LensReport report) {
        ObjectNode root = RequestLog.JSON.createObjectNode();
        root.put("version", LensReport.SUMMARY_VERSION);
        root.put("tool", "llmring-lens");
        root.put("started", report.started().toString());
        ObjectNode profile = root.putObject("profile");
        LoadProfile p = report.profile();
        profile.put("name", p.name());
        if (p.isOpenLoop()) profile.put("rate", p.rate());
        if (p.kind() == LoadProfile.Kind.CONCURRENT) profile.put("concurrency", p.concurrency());
        if (p.kind() == LoadProfile.Kind.POISSON) profile.put("burstiness", p.burstiness());
        if (p.kind() == LoadProfile.Kind.SWEEP) {
            profile.put("factor", p.factor());
            profile.put("steps", p.steps());
        }
        root.put("prompts", report.prompts());
        root.put("slo", report.slo().toString());
        report.stopped().ifPresent(s -> root.put("stopped", s));
        ArrayNode targets = root.putArray("targets");
        for (TargetSummary t : report.targets()) {
            ObjectNode n = target(targets.addObject(), t);
            if (!t.steps().isEmpty()) {
                ArrayNode steps = n.putArray("sweep");
                for (TargetSummary s : t.steps()) target(steps.addObject(), s);
            }
        }
        try {
            return RequestLog.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode target(ObjectNode n, TargetSummary t) {
        n.put("target", t.target());
        if (t.offeredRate() > 0) n.put("offered_rate", t.offeredRate());
        t.stopped().ifPresent(s -> n.put("stopped", s));
        ObjectNode counts = n.putObject("counts");
        counts.put("requests", t.requests());
        counts.put("succeeded", t.succeeded());
        counts.put("failed", t.failed());
        counts.put("good", t.good());
        ObjectNode errors = n.putObject("errors_by_type");
        t.errorsByType().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> errors.put(e.getKey(), e.getValue()));
        ObjectNode bindings = n.putObject("bindings");
        t.bindings().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> bindings.put(e.getKey(), e.getValue()));
        Percentiles[] all = {t.ttft(), t.ttftService(), t.itl(), t.tpot(), t.e2e(), t.e2eService(), t.scheduleLag()};
        for (int i = 0; i < METRICS.length; i++) {
            ObjectNode m = n.putObject(METRICS[i]);
            double[] v = all[i].millis();
            for (int j = 0; j < STATS.length; j++) m.put(STATS[j], round(v[j]));
            m.put("count", all[i].count());
        }
        ObjectNode throughput = n.putObject("throughput");
        throughput.put("seconds", round(t.seconds()));
        throughput.put("requests_per_s", round(t.requestThroughput()));
        throughput.put("output_tokens_per_s", round(t.outputTokenThroughput()));
        ObjectNode goodput = n.putObject("goodput");
        goodput.put("requests_per_s", round(t.goodput()));
        goodput.put("fraction", round(t.goodFraction()));
        goodput.put("slo_met", t.sloMet());
        ObjectNode tokens = n.putObject("tokens");
        tokens.put("input", t.inputTokens());
        tokens.put("output", t.outputTokens());
        tokens.put("output_estimated", t.outputTokensEstimated());
        ObjectNode cost = n.putObject("cost");
        cost.put("priced_requests", t.pricedRequests());
        cost.put("total_usd", t.cost());
        t.costPerRequest().ifPresent(c -> cost.put("per_request_usd", c));
        t.costPer1kOutputTokens().ifPresent(c -> cost.put("per_1k_output_tokens_usd", c));
        return n;
    }

    static String csv(LensReport report) {
        StringBuilder sb = new StringBuilder("target,offered_rate,requests,succeeded,failed,good");
        for (String m : METRICS) {
            for (String s : STATS)
                sb.append(',')
                        .append(m, 0, m.length() - 3)
                        .append('_')
                        .append(s)
                        .append("_ms");
        }
        sb.append(",requests_per_s,output_tokens_per_s,goodput_per_s,input_tokens,output_tokens,cost_usd\n");
        for (TargetSummary t : report.targets()) {
            csvRow(sb, t);
            for (TargetSummary s : t.steps()) csvRow(sb, s);
        }
        return sb.toString();
    }

    private static void csvRow(StringBuilder sb, TargetSummary t) {
        sb.append(quote(t.target())).append(',').append(num(t.offeredRate()));
        sb.append(',').append(t.requests()).append(',').append(t.succeeded());
        sb.append(',').append(t.failed()).append(',').append(t.good());
        for (Percentiles p : new Percentiles[] {
            t.ttft(), t.ttftService(), t.itl(), t.tpot(), t.e2e(), t.e2eService(), t.scheduleLag()
        }) {
            for (double v : p.millis()) sb.append(',').append(num(v));
        }
        sb.append(',').append(num(t.requestThroughput())).append(',').append(num(t.outputTokenThroughput()));
        sb.append(',').append(num(t.goodput())).append(',').append(t.inputTokens());
        sb.append(',')
                .append(t.outputTokens())
                .append(',')
                .append(t.cost().toPlainString())
                .append('\n');
    }

    private static String quote(String s) {
        return s.matches("[A-Za-z0-9:._/@ -]*") ? s : "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
