package dev.vscmirror.accesslog;

import java.time.Instant;

/**
 * One answered request, for the access log and the status page's recent activity.
 *
 * @param time      when the request arrived
 * @param client    the client's address (IP literal, no port); null when unknown
 * @param listener  {@code tls}, {@code proxy} or {@code admin}
 * @param host      the host the client asked for (SNI/Host/CONNECT target); null when unknown
 * @param method    the request method, e.g. {@code GET}
 * @param target    the request target as sent ({@code /path?query}); query values that identify a user are
 *                  redacted when written, never here
 * @param protocol  e.g. {@code HTTP/1.1}
 * @param status    the response status; 0 when the connection closed before a response
 * @param bytes     response body bytes sent
 * @param referer   the Referer header; null when absent
 * @param userAgent the User-Agent header; null when absent
 * @param outcome   recorded, passed, hit, alias, synthesized, miss, upstream_error, rejected (as in metrics)
 * @param millis    time from the request to the last response byte, in milliseconds
 */
public record AccessLogEntry(Instant time, String client, String listener, String host, String method, String target,
                             String protocol, int status, long bytes, String referer, String userAgent,
                             String outcome, long millis) {}
