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
 * @param host          the Host header; null when absent
 * @param authorization the Authorization header; null when absent. Never logged.
 * @param body          the request body (at most the aggregator's limit); empty when none
 */
record AdminRequest(String method, String path, Map<String, List<String>> query, String contentType, String host,
                    String authorization, byte[] body) {

    static AdminRequest of(String method, String uri, String contentType, String host, String authorization,
                           byte[] body) {
        QueryStringDecoder decoder = new QueryStringDecoder(uri);
        return new AdminRequest(method, decoder.path(), decoder.parameters(), contentType, host, authorization, body);
    }

    /** Whether the Host header is absent or names a loopback address or {@code localhost} (any port). */
    boolean hostIsLoopback() {
        if (host == null || host.isEmpty()) {
            return true;
        }
        String h = host.trim().toLowerCase(java.util.Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end > 0 && h.substring(1, end).equals("::1");
        }
        int colon = h.indexOf(':');
        String name = colon >= 0 ? h.substring(0, colon) : h;
        return name.equals("localhost") || name.endsWith(".localhost") || name.matches("127(\\.\\d{1,3}){3}");
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
