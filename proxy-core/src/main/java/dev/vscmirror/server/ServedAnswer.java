package dev.vscmirror.server;

import io.netty.handler.codec.http.HttpHeaders;
import java.nio.file.Path;

/** An answer the replay side produced, in the server's terms. */
public sealed interface ServedAnswer {
    /** Outcome label for metrics (hit, alias, synthesized, miss). */
    String outcome();

    /**
     * A recorded exchange: the server streams its body from the blob file and handles HEAD, Range and conditional
     * requests itself.
     *
     * @param status  recorded status
     * @param headers recorded upstream headers (hop-by-hop already removed)
     * @param blob    the body's blob file; null when the body is empty
     * @param size    body size in bytes
     */
    record Stored(int status, HttpHeaders headers, Path blob, long size, String outcome) implements ServedAnswer {}

    /** An answer made up by the replay logic (catalog query, update check, miss). Sent as given. */
    record Synthesized(int status, HttpHeaders headers, byte[] body, String outcome) implements ServedAnswer {}
}
