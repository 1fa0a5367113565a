package dev.vscmirror.config;

/**
 * Logging.
 *
 * @param accessLog {@code stdout}, {@code off}, or a file path for the access log (one line per request)
 * @param level     the application log level (error, warn, info, debug, trace)
 */
public record LogConfig(String accessLog, String level) {}
