package dev.vscmirror.server;

import java.time.Instant;

/**
 * One answered (or refused) request, as reported to {@link ServerEvents}: enough for the metrics and an access-log
 * line. Carries no headers but Referer and User-Agent.
 *
 * @param time      when the request was complete
 * @param client    the client's IP literal; null when unknown
 * @param listener  {@code tls} or {@code proxy}
 * @param host      the host asked for (lower case); empty when unknown
 * @param method    request method; empty when the request could not be parsed
 * @param target    origin-form target ({@code CONNECT}: {@code host:port}); empty when unknown
 * @param route     bounded route name ({@code RouteNames}), {@code connect} for CONNECT
 * @param mode      mode that answered, lower case
 * @param outcome   recorded, passed, upstream_error, hit, alias, synthesized, miss, stats, preflight, rejected, ...
 * @param status    HTTP status sent; 0 when none was sent
 * @param bytes     body bytes sent
 * @param nanos     time from the complete request to the end of the answer
 * @param referer   Referer header or null
 * @param userAgent User-Agent header or null
 */
public record AnsweredRequest(Instant time, String client, String listener, String host, String method,
                              String target, String route, String mode, String outcome, int status, long bytes,
                              long nanos, String referer, String userAgent) {}
