package dev.vscmirror.accesslog;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.util.Locale;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code log.level} to the application log (logback, to standard error; see {@code logback.xml}).
 */
public final class ApplicationLogLevel {
    private static final Set<String> LEVELS = Set.of("error", "warn", "info", "debug", "trace");

    private ApplicationLogLevel() {}

    /**
     * Sets the root level.
     *
     * @param level error, warn, info, debug or trace (case-insensitive)
     * @throws IllegalArgumentException for any other value, naming the allowed ones
     */
    public static void apply(String level) {
        String l = level == null ? "" : level.trim().toLowerCase(Locale.ROOT);
        if (!LEVELS.contains(l)) {
            throw new IllegalArgumentException("log.level: '" + level + "' (expected: error, warn, info, debug, trace)");
        }
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(l));
        }
    }
}
