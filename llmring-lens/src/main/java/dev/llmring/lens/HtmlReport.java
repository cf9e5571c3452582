package dev.llmring.lens;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.AbstractHistogram;

/**
 * {@code report.html}: one self-contained page (inline CSS and SVG, no script, nothing fetched) with the summary
 * table, end-to-end latency over time, the CDFs of time to first token and end-to-end latency per target, and the
 * sweep's throughput-versus-latency curve.
 */
final class HtmlReport {
    private static final double[] CDF_PERCENTILES = cdfPercentiles();

    private HtmlReport() {}

    static String render(LensReport report) {
        StringBuilder sb = new StringBuilder(64 * 1024);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>llmring lens report</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:1180px}")
                .append("table{border-collapse:collapse;font-size:13px;margin:8px 0 16px}")
                .append("th,td{border:1px solid #ddd;padding:4px 8px;text-align:right}")
                .append("th:first-child,td:first-child{text-align:left}th{background:#f4f4f4}")
                .append(".charts{display:flex;flex-wrap:wrap;gap:16px}figure{margin:0}.chart{border:1px solid #eee}")
                .append(".note{color:#666;font-size:13px}</style></head><body>\n");
        sb.append("<h1>llmring lens</h1>\n<p class=\"note\">")
                .append(escape(report.profile().toString()))
                .append(" · prompts: ")
                .append(escape(report.prompts()))
                .append(" · SLO: ")
                .append(escape(report.slo().toString()))
                .append(" · started ")
                .append(escape(report.started().toString()))
                .append("</p>\n");
        report.stopped().ifPresent(s -> sb.append("<p><b>").append(escape(s)).append("</b></p>\n"));
        table(sb, report);
        sb.append("<div class=\"charts\">\n");
        sb.append("<figure id=\"latency-over-time\">").append(overTime(report)).append("</figure>\n");
        sb.append("<figure id=\"ttft-cdf\">")
                .append(cdf(report, "Time to first token (CDF)", true))
                .append("</figure>\n");
        sb.append("<figure id=\"e2e-cdf\">")
                .append(cdf(report, "End-to-end latency (CDF)", false))
                .append("</figure>\n");
        sb.append("<figure id=\"sweep\">").append(sweep(report)).append("</figure>\n");
        sb.append("</div>\n<p class=\"note\">Latencies are measured from each request's scheduled send time"
                + " (coordinated omission corrected); service times and schedule lag are in summary.json."
                + " Warm-up requests are excluded.</p>\n</body></html>\n");
        return sb.toString();
    }

    private static void table(StringBuilder sb, LensReport report) {
        sb.append("<table><tr><th>target</th><th>ok</th><th>errors</th><th>TTFT p50</th><th>TTFT p99</th>")
                .append("<th>ITL p50</th><th>ITL p99</th><th>e2e p50</th><th>e2e p99</th><th>e2e p99 service</th>")
                .append("<th>lag p99</th><th>req/s</th><th>tok/s</th><th>good</th><th>cost / 1k out</th></tr>\n");
        for (TargetSummary t : report.targets()) {
            row(sb, t.target(), t);
            for (TargetSummary s : t.steps()) {
                row(sb, String.format(Locale.ROOT, "\u2003@ %.2f/s", s.offeredRate()), s);
            }
        }
        sb.append("</table>\n<p class=\"note\">milliseconds</p>\n");
    }

    private static void row(StringBuilder sb, String name, TargetSummary t) {
        sb.append("<tr><td>").append(escape(name)).append("</td>");
        cell(sb, Long.toString(t.succeeded()));
        cell(sb, Long.toString(t.failed()));
        for (java.time.Duration d : new java.time.Duration[] {
            t.ttft().p50(),
            t.ttft().p99(),
            t.itl().p50(),
            t.itl().p99(),
            t.e2e().p50(),
            t.e2e().p99(),
            t.e2eService().p99(),
            t.scheduleLag().p99()
        }) {
            cell(sb, String.format(Locale.ROOT, "%.1f", LensReport.ms(d)));
        }
        cell(sb, String.format(Locale.ROOT, "%.2f", t.requestThroughput()));
        cell(sb, String.format(Locale.ROOT, "%.1f", t.outputTokenThroughput()));
        cell(sb, String.format(Locale.ROOT, "%.0f%%", 100 * t.goodFraction()));
        cell(
                sb,
                t.costPer1kOutputTokens()
                        .map(c -> "$" + c.stripTrailingZeros().toPlainString())
                        .orElse("–"));
        sb.append("</tr>\n");
    }

    private static void cell(StringBuilder sb, String text) {
        sb.append("<td>").append(escape(text)).append("</td>");
    }

    private static String overTime(LensReport report) {
        SvgChart chart = new SvgChart("End-to-end latency over time", "seconds since the first measured request", "ms");
        long first = Long.MAX_VALUE; // the targets ran interleaved: one time axis for all
        for (TargetSummary t : report.targets()) {
            synchronized (t.stats()) {
                first = Math.min(first, t.stats().firstScheduled);
            }
        }
        int i = 0;
        for (TargetSummary t : report.targets()) {
            Stats s = t.stats();
            List<double[]> points = new ArrayList<>();
            synchronized (s) {
                for (long[] p : s.points) points.add(new double[] {(p[0] - first) / 1e9, p[1] / 1e6});
            }
            points.sort((a, b) -> Double.compare(a[0], b[0]));
            chart.dots(t.target(), color(i++), points);
        }
        return chart.render();
    }

    private static String cdf(LensReport report, String title, boolean ttft) {
        SvgChart chart = new SvgChart(title, "ms", "fraction of requests");
        int i = 0;
        for (TargetSummary t : report.targets()) {
            Stats s = t.stats();
            List<double[]> points = new ArrayList<>();
            synchronized (s) {
                AbstractHistogram h = ttft ? s.ttft : s.e2e;
                if (h.getTotalCount() > 0) {
                    long max = h.getMaxValue();
                    for (double q : CDF_PERCENTILES) {
                        points.add(new double[] {Math.min(max, h.getValueAtPercentile(q)) / 1000.0, q / 100});
                    }
                }
            }
            chart.line(t.target(), color(i++), points, false);
        }
        return chart.render();
    }

    private static String sweep(LensReport report) {
        boolean any = report.targets().stream().anyMatch(t -> !t.steps().isEmpty());
        if (!any) {
            return "<p class=\"note\">Throughput versus latency: run the sweep profile to draw this curve.</p>";
        }
        SvgChart chart = new SvgChart("Throughput vs end-to-end latency (sweep)", "achieved requests per second", "ms");
        int i = 0;
        for (TargetSummary t : report.targets()) {
            List<double[]> p99 = new ArrayList<>();
            List<double[]> p50 = new ArrayList<>();
            for (TargetSummary s : t.steps()) {
                p99.add(new double[] {
                    s.requestThroughput(), LensReport.ms(s.e2e().p99())
                });
                p50.add(new double[] {
                    s.requestThroughput(), LensReport.ms(s.e2e().p50())
                });
            }
            String c = color(i++);
            chart.line(t.target() + " e2e p99", c, p99, false);
            chart.line(t.target() + " e2e p50", c, p50, true);
        }
        return chart.render();
    }

    private static double[] cdfPercentiles() {
        double[] q = new double[104];
        for (int i = 0; i <= 100; i++) q[i] = i;
        q[100] = 99.5;
        q[101] = 99.9;
        q[102] = 99.99;
        q[103] = 100;
        java.util.Arrays.sort(q);
        return q;
    }

    private static String color(int i) {
        return SvgChart.COLORS[i % SvgChart.COLORS.length];
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
