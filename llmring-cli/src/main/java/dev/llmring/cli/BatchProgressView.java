package dev.llmring.cli;

import dev.llmring.Cost;
import dev.llmring.batch.BatchProgress;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jspecify.annotations.Nullable;

/**
 * Shows a batch run's progress on stderr: on a terminal, a progress bar (done / total, rate, ETA, then cost and
 * failures) drawn by {@code me.tongfei:progressbar}, which redraws one line in place and sizes it to the terminal
 * through JLine; otherwise (a log, CI) a plain line every ten seconds.
 */
abstract class BatchProgressView implements AutoCloseable {

    static BatchProgressView create(PrintWriter err, boolean terminal) {
        return terminal ? new Bar() : new Lines(err);
    }

    /** How often the runner reports. */
    abstract Duration interval();

    abstract void show(BatchProgress progress);

    @Override
    public abstract void close();

    static String extra(BatchProgress p) {
        return "$" + Cost.display(p.cost()) + (p.failed() > 0 ? ", " + p.failed() + " failed" : "")
                + (p.skipped() > 0 ? ", " + p.skipped() + " skipped" : "");
    }

    private static final class Bar extends BatchProgressView {
        private @Nullable ProgressBar bar;

        @Override
        Duration interval() {
            return Duration.ofMillis(250);
        }

        @Override
        synchronized void show(BatchProgress p) {
            if (bar == null) {
                bar = new ProgressBarBuilder()
                        .setTaskName("batch")
                        .setInitialMax(p.total())
                        .setStyle(ProgressBarStyle.ASCII)
                        .setConsumer(new ConsoleProgressBarConsumer(System.err))
                        .setUpdateIntervalMillis(250)
                        .setUnit(" lines", 1)
                        .showSpeed()
                        .build();
            }
            bar.stepTo(p.done());
            bar.setExtraMessage(" " + extra(p)); // the bar puts it right after the rate
        }

        @Override
        public synchronized void close() {
            if (bar != null) bar.close();
        }
    }

    private static final class Lines extends BatchProgressView {
        private final PrintWriter err;

        Lines(PrintWriter err) {
            this.err = err;
        }

        @Override
        Duration interval() {
            return Duration.ofSeconds(10);
        }

        @Override
        void show(BatchProgress p) {
            if (p.finished()) return; // the summary follows
            long percent = p.total() == 0 ? 100 : p.done() * 100 / p.total();
            err.println(String.format(
                    Locale.ROOT,
                    "llmring batch: %d/%d (%d%%), %.1f lines/s, ETA %ds, %s, %d in flight",
                    p.done(),
                    p.total(),
                    percent,
                    p.rate(),
                    p.eta().toSeconds(),
                    extra(p),
                    p.inFlight()));
            err.flush();
        }

        @Override
        public void close() {
            err.flush();
        }
    }
}
