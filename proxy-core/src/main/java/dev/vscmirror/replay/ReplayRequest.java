package dev.vscmirror.replay;

import dev.vscmirror.record.RequestKey;

import java.util.Map;

/**
 * One request to answer from the store.
 *
 * @param method       HTTP method as sent
 * @param host         the host the request is for (without port)
 * @param pathAndQuery the request target ({@code /path?query})
 * @param headers      request headers, lower-case names
 * @param body         the request body, maybe empty, never null
 * @param key          the request's key ({@link RequestKey#of})
 */
public record ReplayRequest(String method, String host, String pathAndQuery, Map<String, String> headers, byte[] body,
        RequestKey key) {
    public ReplayRequest {
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** @return a header value (name in any case), or null */
    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
}
