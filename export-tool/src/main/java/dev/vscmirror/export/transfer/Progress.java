package dev.vscmirror.export.transfer;

import java.io.PrintStream;
import java.util.function.LongConsumer;

/**
 * Progress of a long copy on stderr: nothing during the first second, then at most one line a second with
 * bytes done, rate and ETA. Rates are in MB/s (10^6 bytes).
 */
public final class Progress implements LongConsumer {
    private final String label;
    private final long total;
    private final PrintStream err;
    private final long start = System.nanoTime();
    private long lastPrint = start;

    public Progress(String label, long total, PrintStream err) {
        this.label = label;
        this.total = total;
        this.err = err;
    }

    @Override
    public void accept(long done) {
        long now = System.nanoTime();
        if (now - lastPrint < 1_000_000_000L) {
            return;
        }
        lastPrint = now;
        double seconds = (now - start) / 1e9;
        double rate = done / seconds;
        String eta = total > 0 && rate > 0 ? String.format(", ETA %.0f s", (total - done) / rate) : "";
        err.printf("%s: %s of %s (%.0f%%), %.1f MB/s%s%n", label, human(done), human(total),
                total > 0 ? 100.0 * done / total : 100.0, rate / 1e6, eta);
    }

    public double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    /** The final line: {@code <verb> N files, X in S s (R MB/s)}. */
    public static String summary(String verb, long files, long bytes, double seconds) {
        return String.format("%s %d files, %s in %.1f s (%.1f MB/s)", verb, files, human(bytes), seconds,
                seconds > 0 ? bytes / seconds / 1e6 : 0.0);
    }

    public static String human(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format("%.1f %s", v, units[u]);
    }
}
