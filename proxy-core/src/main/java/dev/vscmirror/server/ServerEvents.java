package dev.vscmirror.server;

import dev.vscmirror.tls.HandshakeObserver;

/**
 * What the server reports per request and per failed handshake; the serve command wires it to the metrics, the
 * access log and the status page's recent activity. Implementations must be thread-safe and must not block: they
 * are called on event loops.
 */
public interface ServerEvents extends HandshakeObserver {
    ServerEvents NONE = new ServerEvents() {
        @Override
        public void request(AnsweredRequest request) {
        }

        @Override
        public void handshakeFailure(String reason) {
        }
    };

    /** One answered or refused request. */
    void request(AnsweredRequest request);
}
