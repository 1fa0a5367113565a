package dev.vscmirror.config;

import java.time.Duration;

/**
 * Client-side limits and timeouts.
 *
 * @param maxInitialLineBytes request line limit (over it: 414)
 * @param maxHeaderBytes      total header size limit (over it: 431)
 * @param maxRequestBodyBytes request body limit (over it: 413); extensionquery bodies are small
 * @param idleTimeout         a keep-alive connection with no request for this long is closed
 * @param clientReadTimeout   a client that sends a request slower than this is answered 408 and closed
 * @param maxConnections      concurrent client connections over all listeners
 */
public record LimitsConfig(
        int maxInitialLineBytes,
        int maxHeaderBytes,
        long maxRequestBodyBytes,
        Duration idleTimeout,
        Duration clientReadTimeout,
        int maxConnections) {}
