package dev.vscmirror.admin;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What a route answers: a small body in memory, or a file streamed from disk. */
sealed interface AdminResponse {

    HttpResponseStatus status();

    Map<String, String> headers();

    /** A body held in memory (JSON, text, HTML, a certificate). */
    record Full(HttpResponseStatus status, String contentType, byte[] body, Map<String, String> headers)
            implements AdminResponse {}

    /** A file streamed zero-copy; {@code headers} carries Content-Type, Content-Disposition, Content-Encoding. */
    record FileBody(HttpResponseStatus status, java.nio.file.Path path, Map<String, String> headers)
            implements AdminResponse {}

    static Full text(HttpResponseStatus status, String text) {
        return new Full(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    static Full json(HttpResponseStatus status, byte[] json) {
        return new Full(status, "application/json; charset=utf-8", json, Map.of());
    }
}
