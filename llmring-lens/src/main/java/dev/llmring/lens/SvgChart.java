package dev.llmring.lens;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One chart as inline SVG, drawn here so that the report needs no script and no network: axes with round-number
 * ticks, a legend, and series drawn as lines or as dots. Values are plain doubles; the axes start at zero.
 */
final class SvgChart {
    static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b"};
    private static final int WIDTH = 540;
    private static final int HEIGHT = 340;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TITLE = 36;
    private static final int LEGEND_ROW = 16;
    private static final int BOTTOM = 48;

    private record Series(String name, String color, List<double[]> points, boolean line, boolean dashed) {}

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();

    SvgChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    SvgChart line(String name, String color, List<double[]> points, boolean dashed) {
        series.add(new Series(name, color, points, true, dashed));
        return this;
    }

    SvgChart dots(String name, String color, List<double[]> points) {
        series.add(new Series(name, color, points, false, false));
        return this;
    }

    String render() {
        double maxX = 0;
        double maxY = 0;
        for (Series s : series) {
            for (double[] p : s.points) {
                maxX = Math.max(maxX, p[0]);
                maxY = Math.max(maxY, p[1]);
            }
        }
        double stepX = step(maxX);
        double stepY = step(maxY);
        double topX = Math.max(stepX, Math.ceil(maxX / stepX) * stepX);
        double topY = Math.max(stepY, Math.ceil(maxY / stepY) * stepY);
        List<int[]> legend = legend();
        int top = TITLE + (legend.isEmpty() ? 0 : legend.get(legend.size() - 1)[1] + LEGEND_ROW - TITLE + 4);
        StringBuilder sb = new StringBuilder();
        sb.append(f(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                        + " role=\"img\" aria-label=\"%s\">",
                WIDTH, HEIGHT, WIDTH, HEIGHT, HtmlReport.escape(title)));
        sb.append(f("<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>", WIDTH, HEIGHT));
        sb.append(f(
                "<text x=\"%d\" y=\"20\" font-size=\"14\" font-weight=\"bold\">%s</text>",
                LEFT, HtmlReport.escape(title)));
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - top - BOTTOM;
        for (double v = 0; v <= topY + stepY / 2; v += stepY) {
            double y = top + plotH - v / topY * plotH;
            sb.append(f(
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e5e5e5\"/>",
                    LEFT, y, LEFT + plotW, y));
            sb.append(f(
                    "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>",
                    LEFT - 6, y + 4, label(v)));
        }
        for (double v = 0; v <= topX + stepX / 2; v += stepX) {
            double x = LEFT + v / topX * plotW;
            sb.append(f(
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ccc\"/>",
                    x, top + plotH, x, top + plotH + 4));
            sb.append(f(
                    "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>",
                    x, top + plotH + 17, label(v)));
        }
        sb.append(f(
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>",
                LEFT, top + plotH, LEFT + plotW, top + plotH));
        sb.append(f("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>", LEFT, top, LEFT, top + plotH));
        sb.append(f(
                "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">%s</text>",
                LEFT + plotW / 2, HEIGHT - 8, HtmlReport.escape(xLabel)));
        sb.append(f(
                "<text x=\"14\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 14 %d)\">%s</text>",
                top + plotH / 2, top + plotH / 2, HtmlReport.escape(yLabel)));
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            String points = points(s.points, topX, topY, top, plotW, plotH);
            if (s.line) {
                sb.append(f(
                        "<polyline class=\"series\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s points=\"%s\"/>",
                        s.color, s.dashed ? " stroke-dasharray=\"5 4\"" : "", points));
            } else {
                sb.append(f("<g class=\"series\" fill=\"%s\" fill-opacity=\"0.6\">", s.color));
                for (String xy : points.split(" ")) {
                    if (xy.isEmpty()) continue;
                    String[] c = xy.split(",");
                    sb.append(f("<circle cx=\"%s\" cy=\"%s\" r=\"2.2\"/>", c[0], c[1]));
                }
                sb.append("</g>");
            }
            int[] at = legend.get(i);
            sb.append(f(
                    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"%s/>",
                    at[0], at[1] - 4, at[0] + 16, at[1] - 4, s.color, s.dashed ? " stroke-dasharray=\"4 3\"" : ""));
            sb.append(f(
                    "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>",
                    at[0] + 20, at[1], HtmlReport.escape(s.name)));
        }
        return sb.append("</svg>").toString();
    }

    /** Where each series' legend entry goes: left to right under the title, wrapping (x, baseline y). */
    private List<int[]> legend() {
        List<int[]> at = new ArrayList<>();
        int x = LEFT;
        int y = TITLE;
        for (Series s : series) {
            int w = 28 + (int) (s.name.length() * 6.2);
            if (x > LEFT && x + w > WIDTH - RIGHT) {
                x = LEFT;
                y += LEGEND_ROW;
            }
            at.add(new int[] {x, y});
            x += w;
        }
        return at;
    }

    private static String points(List<double[]> pts, double topX, double topY, int top, int plotW, int plotH) {
        StringBuilder sb = new StringBuilder();
        for (double[] p : pts) {
            sb.append(f("%.1f,%.1f ", LEFT + p[0] / topX * plotW, top + plotH - p[1] / topY * plotH));
        }
        return sb.toString().strip();
    }

    /** A round tick step giving about five ticks up to {@code max}. */
    static double step(double max) {
        if (!(max > 0)) return 1;
        double raw = max / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double r = raw / magnitude;
        return (r <= 1 ? 1 : r <= 2 ? 2 : r <= 2.5 ? 2.5 : r <= 5 ? 5 : 10) * magnitude;
    }

    private static String label(double v) {
        if (v == Math.rint(v)) return String.format(Locale.ROOT, "%.0f", v);
        return String.format(Locale.ROOT, v < 1 ? "%.2f" : "%.1f", v);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
