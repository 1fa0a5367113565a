package dev.vscmirror.replay;

import dev.vscmirror.store.Header;
import dev.vscmirror.store.RecordedExchange;

import java.util.List;

/** What replay answers: a recorded exchange to stream, or a made-up answer. */
public sealed interface ReplayAnswer permits ReplayAnswer.Stored, ReplayAnswer.Synthesized {

    /** @return the outcome for logs and metrics */
    String outcome();

    /**
     * Serve the recorded status, headers and body byte for byte (the server handles HEAD, Range and conditional
     * requests, and streams the blob).
     *
     * @param outcome {@code hit} (the request's own key) or {@code alias} (another URL form of the same thing)
     */
    record Stored(RecordedExchange exchange, String outcome) implements ReplayAnswer {
    }

    /**
     * Serve this status, headers and body. Headers carry no Content-Length (the server sets it from the body).
     *
     * @param outcome {@code synthesized}, {@code miss}, or {@code hit}/{@code alias} for a recorded answer that was
     *                rewritten (URL rewriting) or decoded (gzip for a client that does not accept it)
     */
    record Synthesized(int status, List<Header> headers, byte[] body, String outcome) implements ReplayAnswer {
        public Synthesized {
            headers = List.copyOf(headers);
            body = body == null ? new byte[0] : body;
        }
    }
}
