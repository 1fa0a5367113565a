package dev.vscmirror.accesslog;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The access log: one line per answered request ({@link AccessLogFormat}: Combined Log Format plus listener, host,
 * outcome and milliseconds). {@link #log} never blocks and never does I/O on the caller's thread, so it may be called
 * on an event loop; a background thread writes. Secrets never reach it: entries carry no headers but Referer and
 * User-Agent, and query values such as {@code u=} are redacted when formatted.
 */
public interface AccessLog extends AutoCloseable {

    /**
     * The access log for the configuration value {@code log.accessLog}.
     *
     * @param target {@code stdout}, {@code off} (also {@code none}, {@code false}), or a file path; a file is
     *               appended to and reopened when it was rotated away (moved or deleted)
     * @throws IllegalArgumentException when the file cannot be opened, naming it
     */
    static AccessLog of(String target) {
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("log.accessLog: blank (expected: stdout, off or a file path)");
        }
        switch (target.trim().toLowerCase(Locale.ROOT)) {
            case "off", "none", "false":
                return off();
            case "stdout", "-":
                return new AsyncAccessLog(new StreamSink(System.out), "stdout");
            default:
                return new AsyncAccessLog(new ReopeningFileSink(Path.of(target.trim()), Duration.ofSeconds(1)),
                        target.trim());
        }
    }

    /** An access log that discards every entry. */
    static AccessLog off() {
        return new AccessLog() {
            @Override
            public void log(AccessLogEntry entry) {
                // access logging is off
            }

            @Override
            public void close() {
                // nothing to release
            }
        };
    }

    /** Queues one line; drops it (and counts the drop) when the writer is far behind. Never blocks. */
    void log(AccessLogEntry entry);

    /** Writes what is queued, then releases the file. Later {@link #log} calls are ignored. */
    @Override
    void close();
}
