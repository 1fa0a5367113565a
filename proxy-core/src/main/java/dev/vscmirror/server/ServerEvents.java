package dev.vscmirror.server;

import dev.vscmirror.tls.HandshakeObserver;

/**
 * What the server reports per request and per failed handshake; the serve command wires it to the metrics (and the
 * access log). Implementations must be thread-safe and must not block: they are called on event loops.
 */
public interface ServerEvents extends HandshakeObserver {
    ServerEvents NONE = new ServerEvents() {
        @Override
        public void request(String listener, String host, String route, String mode, String outcome, int status,
                            long nanos, long bytes) {
        }

        @Override
        public void handshakeFailure(String reason) {
        }
    };

    /**
     * One answered request.
     *
     * @param listener {@code tls} or {@code proxy}
     * @param host     the host the request was for (lower case)
     * @param route    a bounded route name from {@code RouteNames.of}
     * @param mode     the mode that answered ({@code record}, {@code replay}, {@code fallback})
     * @param outcome  recorded, passed, upstream_error, hit, alias, synthesized, miss, stats, preflight, rejected, ...
     * @param status   the HTTP status sent (0 when the connection failed before a status was sent)
     * @param nanos    time from the complete request to the end of the answer
     * @param bytes    body bytes sent
     */
    void request(String listener, String host, String route, String mode, String outcome, int status, long nanos,
                 long bytes);
}
