package dev.vscmirror.server;

import io.netty.handler.codec.http.HttpHeaders;

/** The replay side as the server sees it (adapted from the catalog's {@code ReplayResponder} by the serve wiring). */
@FunctionalInterface
public interface ReplayPath {
    /**
     * Answers one request from the store. Blocking: called on the replay executor, never on an event loop. Never
     * dials out.
     *
     * @param host          lower-case host the request was for
     * @param pathAndQuery  origin-form request target
     * @param headers       the request's headers
     * @param body          the request body, empty when none
     */
    ServedAnswer answer(String method, String host, String pathAndQuery, HttpHeaders headers, byte[] body);
}
