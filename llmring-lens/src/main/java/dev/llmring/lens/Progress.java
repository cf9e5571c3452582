package dev.llmring.lens;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * The live progress line: what runs now and how far it got, handed to the run's listener at most every 200 ms (and
 * at each change of phase). Called from the dispatching thread and from workers.
 */
final class Progress {
    private static final long EVERY_NANOS = 200_000_000L;

    private final Consumer<String> sink;
    private String phase = "";
    private long done;
    private long errors;
    private long lastE2eMicros;
    private long lastShown;

    Progress(Consumer<String> sink) {
        this.sink = sink;
    }

    synchronized void status(String target, String what) {
        phase = target + "  " + what;
        show(true);
    }

    synchronized void phase(String target, int step, int steps, double rate) {
        StringBuilder sb = new StringBuilder(target);
        if (steps > 1) sb.append("  step ").append(step + 1).append('/').append(steps);
        if (rate > 0) sb.append(String.format(Locale.ROOT, "  @ %.2f/s", rate));
        phase = sb.toString();
        done = 0;
        errors = 0;
        show(true);
    }

    synchronized void done(Sample s) {
        done++;
        if (!s.ok()) errors++;
        else lastE2eMicros = s.e2e() / 1000;
        show(false);
    }

    private void show(boolean now) {
        long t = System.nanoTime();
        if (!now && t - lastShown < EVERY_NANOS) return;
        lastShown = t;
        sink.accept(String.format(
                Locale.ROOT,
                "lens  %s  done %d  errors %d  last e2e %.1f ms",
                phase,
                done,
                errors,
                lastE2eMicros / 1000.0));
    }
}
