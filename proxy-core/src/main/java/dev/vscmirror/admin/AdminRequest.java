package dev.vscmirror.admin;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.Map;

/**
 * An admin request copied off the event loop (no {@code ByteBuf}s).
 *
 * @param method        upper-case method
 * @param path          the decoded path, e.g. {@code /api/extensions/somepub.hello}
 * @param query         decoded query parameters
 * @param contentType   the Content-Type header; null when absent
 * @param authorization the Authorization header; null when absent. Never logged.
 * @param body          the request body (at most the aggregator's limit); empty when none
 */
record AdminRequest(String method, String path, Map<String, List<String>> query, String contentType,
                    String authorization, byte[] body) {

    static AdminRequest of(String method, String uri, String contentType, String authorization, byte[] body) {
        QueryStringDecoder decoder = new QueryStringDecoder(uri);
        return new AdminRequest(method, decoder.path(), decoder.parameters(), contentType, authorization, body);
    }

    /** The first value of query parameter {@code name}, or {@code fallback}. */
    String param(String name, String fallback) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? fallback : values.get(0);
    }

    boolean isMutating() {
        return !(method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS"));
    }
}
